import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { ContainerDependencyCondition, ContainerImage, ContainerSecret, batch } from "../../lib";
import { decodeDocument } from "../support/documents";
import { hub, HUB_ARN, quay, ref, resourcesOf, SECRET_ARN, synthObject, testStack } from "../support/stacks";

const SM = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-Ab12Cd";
const ecsPropertiesOf = (stack: TerraformStack) =>
  decodeDocument(resourcesOf(stack, "aws_batch_job_definition")[0].ecs_properties);
const policiesOf = (stack: TerraformStack) =>
  Object.fromEntries(resourcesOf(stack, "aws_iam_role_policy").map((p) => [p.name, decodeDocument(p.policy)]));

describe("batch.MultiContainerJobDefinition", () => {
  test("containers from two private registries share one execution role, granted each secret once", () => {
    const stack = testStack();
    const job = new batch.MultiContainerJobDefinition(stack, "Job", { platform: batch.Platform.EC2, name: "train" });
    const db = ContainerSecret.fromSecretsManager(SM);
    job.addContainer("trainer", {
      image: ContainerImage.fromRegistry("quay.io/org/trainer:1", { credentials: quay() }),
      vcpus: 4,
      memoryMiB: 8192,
      gpuCount: 1,
      secrets: { DB: db },
    });
    job.addContainer("sidecar", {
      image: ContainerImage.fromRegistry("org/agent:1", { credentials: hub() }),
      vcpus: 1,
      memoryMiB: 512,
      essential: false,
      secrets: { DB: db },
      dependsOn: [{ containerName: "trainer", condition: ContainerDependencyCondition.START }],
    });
    const synth = synthObject(stack);
    const [definition] = Object.values<any>(synth.resource.aws_batch_job_definition);
    expect(definition).toMatchObject({ name: "train", type: "container", platform_capabilities: ["EC2"] });
    expect(definition).not.toHaveProperty("container_properties");
    const [task] = ecsPropertiesOf(stack).taskProperties;
    expect(task.executionRoleArn).toBe(ref(stack, job.executionRole!.arn));
    expect(task.containers).toEqual([
      {
        name: "trainer",
        image: "quay.io/org/trainer:1",
        repositoryCredentials: { credentialsParameter: SECRET_ARN },
        essential: true,
        resourceRequirements: [
          { type: "VCPU", value: "4" },
          { type: "MEMORY", value: "8192" },
          { type: "GPU", value: "1" },
        ],
        secrets: [{ name: "DB", valueFrom: SM }],
      },
      {
        name: "sidecar",
        image: "org/agent:1",
        repositoryCredentials: { credentialsParameter: HUB_ARN },
        essential: false,
        resourceRequirements: [
          { type: "VCPU", value: "1" },
          { type: "MEMORY", value: "512" },
        ],
        secrets: [{ name: "DB", valueFrom: SM }],
        dependsOn: [{ containerName: "trainer", condition: "START" }],
      },
    ]);
    const policies = policiesOf(stack);
    expect(policies["private-registry-secret-read"].Statement[0].Resource).toEqual([SECRET_ARN, HUB_ARN]);
    expect(policies["container-read"].Statement).toEqual([
      { Sid: "ReadContainerSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SM },
    ]);
  });

  test("EC2 with public and ECR images and no secrets: no execution role at all (the instance role pulls and logs)", () => {
    const stack = testStack();
    const job = new batch.MultiContainerJobDefinition(stack, "Job", { platform: batch.Platform.EC2 });
    job.addContainer("web", { image: ContainerImage.fromRegistry("nginx:1.27"), vcpus: 1, memoryMiB: 512 });
    job.addContainer("agent", {
      image: ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/agent:1"),
      vcpus: 1,
      memoryMiB: 512,
      essential: false,
    });
    expect(job.executionRole).toBeUndefined();
    expect(ecsPropertiesOf(stack).taskProperties[0]).not.toHaveProperty("executionRoleArn");
    const synth = synthObject(stack);
    expect(synth.resource).not.toHaveProperty("aws_iam_role");
    expect(synth.resource).not.toHaveProperty("aws_iam_role_policy_attachment");
  });

  test("EC2: the first container that needs the role creates it, and later ones share it", () => {
    const stack = testStack();
    const job = new batch.MultiContainerJobDefinition(stack, "Job", { platform: batch.Platform.EC2 });
    job.addContainer("web", { image: ContainerImage.fromRegistry("nginx:1.27"), vcpus: 1, memoryMiB: 512 });
    job.addContainer("trainer", {
      image: ContainerImage.fromRegistry("quay.io/org/trainer:1", { credentials: quay() }),
      vcpus: 1,
      memoryMiB: 512,
    });
    const role = job.executionRole;
    job.addContainer("tail", { image: ContainerImage.fromRegistry("busybox:1"), vcpus: 1, memoryMiB: 64 });
    job.addContainer("db", {
      image: ContainerImage.fromRegistry("postgres:17"),
      vcpus: 1,
      memoryMiB: 512,
      secrets: { PASSWORD: ContainerSecret.fromSecretsManager(SM) },
    });
    expect(job.executionRole).toBe(role);
    expect(ecsPropertiesOf(stack).taskProperties[0].executionRoleArn).toBe(ref(stack, role!.arn));
    expect(Object.keys(synthObject(stack).resource.aws_iam_role)).toHaveLength(1);
    expect(Object.keys(policiesOf(stack)).sort()).toEqual(["container-read", "private-registry-secret-read"]);
  });

  test("EC2: a container refused after its role was made leaves no role behind, and the next one binds", () => {
    const stack = testStack();
    const job = new batch.MultiContainerJobDefinition(stack, "Job", { platform: batch.Platform.EC2 });
    const bad = { image: ContainerImage.fromRegistry("quay.io/org/a:1", { credentials: quay() }), vcpus: 1 };
    // The role is made before the container is bound, whose checks then refuse its ulimits.
    expect(() =>
      job.addContainer("a", {
        ...bad,
        memoryMiB: 64,
        ulimits: [{ name: "nofile", softLimit: 2, hardLimit: 1 }],
      } as never),
    ).toThrow(/batch\.MultiContainerJobDefinition test\/Job: .*ulimit nofile/);
    expect(job.executionRole).toBeUndefined();
    expect(JSON.parse(Testing.synth(stack)).resource).not.toHaveProperty("aws_iam_role"); // no containers yet
    job.addContainer("a", { ...bad, memoryMiB: 64 });
    expect(Object.keys(synthObject(stack).resource.aws_iam_role)).toHaveLength(1);
  });

  test("Fargate, or a given role, keeps the role with public images", () => {
    const stack = testStack();
    const fargate = new batch.MultiContainerJobDefinition(stack, "Fargate", { platform: batch.Platform.FARGATE });
    fargate.addContainer("web", { image: ContainerImage.fromRegistry("nginx:1.27"), vcpus: 1, memoryMiB: 2048 });
    const given = new batch.MultiContainerJobDefinition(stack, "Given", {
      platform: batch.Platform.EC2,
      executionRole: fargate.executionRole,
    });
    given.addContainer("web", { image: ContainerImage.fromRegistry("nginx:1.27"), vcpus: 1, memoryMiB: 512 });
    expect(fargate.executionRole).toBeDefined();
    expect(given.executionRole).toBe(fargate.executionRole);
    const roleArns = resourcesOf(stack, "aws_batch_job_definition").map(
      (d) => decodeDocument(d.ecs_properties).taskProperties[0].executionRoleArn,
    );
    expect(roleArns).toEqual([ref(stack, fargate.executionRole!.arn), ref(stack, fargate.executionRole!.arn)]);
  });

  test("on Fargate the containers together must make a Fargate size, checked at synth", () => {
    const stack = testStack();
    const job = new batch.MultiContainerJobDefinition(stack, "Job", { platform: batch.Platform.FARGATE });
    job.addContainer("a", { image: ContainerImage.fromRegistry("nginx"), vcpus: 0.25, memoryMiB: 512 });
    job.addContainer("b", {
      image: ContainerImage.fromRegistry("nginx"),
      vcpus: 0.5,
      memoryMiB: 512,
      essential: false,
    });
    expect(() => synthObject(stack)).toThrow(/batch\.MultiContainerJobDefinition test\/Job: vcpus 0\.75/);
  });

  test("Fargate settings go to the task properties; additionalProperties adds members beside them", () => {
    const stack = testStack();
    const job = new batch.MultiContainerJobDefinition(stack, "Job", {
      platform: batch.Platform.FARGATE,
      assignPublicIp: true,
      fargatePlatformVersion: "1.4.0",
      ephemeralStorageGiB: 40,
      additionalProperties: { futureTaskMember: 1 },
    });
    job.addContainer("a", { image: ContainerImage.fromRegistry("nginx"), vcpus: 1, memoryMiB: 2048 });
    const [task] = ecsPropertiesOf(stack).taskProperties;
    expect(task).toMatchObject({
      platformVersion: "1.4.0",
      networkConfiguration: { assignPublicIp: "ENABLED" },
      ephemeralStorage: { sizeInGiB: 40 },
      futureTaskMember: 1,
    });
  });

  test("vCPUs, memory and GPUs that are Terraform references stay references in the document", () => {
    const stack = testStack();
    const vcpus = new TerraformVariable(stack, "vcpus", { type: "number" }).numberValue;
    const gpus = new TerraformVariable(stack, "gpus", { type: "number" }).numberValue;
    new batch.MultiContainerJobDefinition(stack, "Job", { platform: batch.Platform.EC2 }).addContainer("a", {
      image: ContainerImage.fromRegistry("nginx"),
      vcpus,
      memoryMiB: vcpus,
      gpuCount: gpus,
    });
    new batch.JobDefinition(stack, "Single", {
      platform: batch.Platform.EC2,
      image: ContainerImage.fromRegistry("nginx"),
      vcpus,
      memoryMiB: 1024,
    });
    expect(ecsPropertiesOf(stack).taskProperties[0].containers[0].resourceRequirements).toEqual([
      { type: "VCPU", value: "${var.vcpus}" },
      { type: "MEMORY", value: "${var.vcpus}" },
      { type: "GPU", value: "${var.gpus}" },
    ]);
    const single = resourcesOf(stack, "aws_batch_job_definition").find((j) => j.container_properties !== undefined);
    expect(decodeDocument(single.container_properties).resourceRequirements[0]).toEqual({
      type: "VCPU",
      value: "${var.vcpus}",
    });
  });

  test("a Batch container cannot wait for another to be HEALTHY: Batch containers have no health check", () => {
    const stack = testStack();
    const job = new batch.MultiContainerJobDefinition(stack, "Job", { platform: batch.Platform.EC2 });
    job.addContainer("a", {
      image: ContainerImage.fromRegistry("nginx"),
      vcpus: 1,
      memoryMiB: 512,
      dependsOn: [{ containerName: "b", condition: ContainerDependencyCondition.HEALTHY }],
    });
    job.addContainer("b", { image: ContainerImage.fromRegistry("nginx"), vcpus: 1, memoryMiB: 512, essential: false });
    expect(() => synthObject(stack)).toThrow(
      /waits for "b" to be HEALTHY, but Batch containers have no health check\. Fix: wait for START, COMPLETE or SUCCESS/,
    );
  });

  test("a job without containers, or whose containers depend on one it lacks, fails at synth", () => {
    const empty = testStack();
    new batch.MultiContainerJobDefinition(empty, "Job", { platform: batch.Platform.EC2 });
    expect(() => synthObject(empty)).toThrow(/has no containers\. Fix: call addContainer\(\) at least once/);
    const dangling = testStack();
    new batch.MultiContainerJobDefinition(dangling, "Job", { platform: batch.Platform.EC2 }).addContainer("a", {
      image: ContainerImage.fromRegistry("nginx"),
      vcpus: 1,
      memoryMiB: 512,
      dependsOn: [{ containerName: "b", condition: ContainerDependencyCondition.COMPLETE }],
    });
    expect(() => synthObject(dangling)).toThrow(/container "a" depends on "b", which the job lacks/);
  });
});
