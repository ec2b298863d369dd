import { Testing } from "cdktf";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ContainerImage, ContainerSecret, EphemeralVariable, RegistrySecret, batch } from "../../lib";
import { decodeDocument } from "../support/documents";
import { KEY_ARN, quay, ref, resourcesOf, SECRET_ARN, synthObject, testStack } from "../support/stacks";

const propsOf = (stack: ReturnType<typeof testStack>) =>
  decodeDocument(resourcesOf(stack, "aws_batch_job_definition")[0].container_properties);

describe("batch.JobDefinition", () => {
  test("Fargate: native repositoryCredentials, created execution role granted read, platform and network", () => {
    const stack = testStack();
    const job = new batch.JobDefinition(stack, "Job", {
      platform: batch.Platform.FARGATE,
      image: ContainerImage.fromRegistry("quay.io/org/job:1", { credentials: quay() }),
      vcpus: 0.25,
      memoryMiB: 512,
      command: ["go"],
      environment: { MODE: "batch" },
      jobRoleArn: "arn:aws:iam::111122223333:role/job",
      retryAttempts: 3,
      timeoutSeconds: 600,
      assignPublicIp: true,
      fargatePlatformVersion: "1.4.0",
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(BatchJobDefinition, {
      name: "test-Job",
      type: "container",
      platform_capabilities: ["FARGATE"],
      retry_strategy: { attempts: 3 },
      timeout: { attempt_duration_seconds: 600 },
    });
    expect(propsOf(stack)).toEqual({
      image: "quay.io/org/job:1",
      resourceRequirements: [
        { type: "VCPU", value: "0.25" },
        { type: "MEMORY", value: "512" },
      ],
      executionRoleArn: ref(stack, job.executionRole!.arn),
      repositoryCredentials: { credentialsParameter: SECRET_ARN },
      jobRoleArn: "arn:aws:iam::111122223333:role/job",
      command: ["go"],
      environment: [{ name: "MODE", value: "batch" }],
      fargatePlatformConfiguration: { platformVersion: "1.4.0" },
      networkConfiguration: { assignPublicIp: "ENABLED" },
    });
    const policy = decodeDocument(resourcesOf(stack, "aws_iam_role_policy")[0].policy);
    expect(policy.Statement.map((s: any) => [s.Action, s.Resource])).toEqual([
      ["secretsmanager:GetSecretValue", SECRET_ARN],
      ["kms:Decrypt", KEY_ARN],
    ]);
    expect(synth).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: expect.stringContaining("AmazonECSTaskExecutionRolePolicy"),
    });
    expect(job.arn).toBeDefined();
  });

  test.each([
    ["a public image", ContainerImage.fromRegistry("busybox:1.36")],
    ["an ECR image", ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1")],
  ])("EC2 with %s and no secrets: no execution role at all (the instance role pulls and logs)", (_, image) => {
    const stack = testStack();
    const job = new batch.JobDefinition(stack, "Job", { platform: batch.Platform.EC2, image });
    expect(job.executionRole).toBeUndefined();
    expect(resourcesOf(stack, "aws_iam_role")).toHaveLength(0);
    expect(resourcesOf(stack, "aws_iam_role_policy_attachment")).toHaveLength(0);
    expect(propsOf(stack)).not.toHaveProperty("executionRoleArn");
  });

  test("a role removed for want of grants takes its data sources along, unless something else reads them", () => {
    const stack = testStack();
    const image = ContainerImage.fromRegistry("busybox:1.36");
    const ec2 = { platform: batch.Platform.EC2, image, sourceAccountCondition: true };
    new batch.JobDefinition(stack, "Job", ec2);
    new batch.MultiContainerJobDefinition(stack, "Multi", ec2).addContainer("a", { image, vcpus: 1, memoryMiB: 64 });
    // The partition and the caller identity (an STS call at plan) that only the removed roles read.
    expect(synthObject(stack)).not.toHaveProperty("data");
    // Control: a Fargate job keeps its role, and the role keeps both data sources; removing the next one keeps them.
    new batch.JobDefinition(stack, "Fargate", { ...ec2, platform: batch.Platform.FARGATE });
    new batch.JobDefinition(stack, "Again", ec2);
    expect(Object.keys(synthObject(stack).data).sort()).toEqual(["aws_caller_identity", "aws_partition"]);
  });

  test.each([
    ["registry credentials", { image: ContainerImage.fromRegistry("quay.io/org/job:1", { credentials: quay() }) }],
    [
      "a container secret",
      {
        image: ContainerImage.fromRegistry("busybox"),
        secrets: { TOKEN: ContainerSecret.fromSecretsManager(SECRET_ARN) },
      },
    ],
  ])("EC2 with %s: the execution role is created and granted", (_, props) => {
    const stack = testStack();
    const job = new batch.JobDefinition(stack, "Job", { platform: batch.Platform.EC2, ...props });
    expect(resourcesOf(stack, "aws_iam_role")).toHaveLength(1);
    expect(propsOf(stack).executionRoleArn).toBe(ref(stack, job.executionRole!.arn));
    expect(decodeDocument(resourcesOf(stack, "aws_iam_role_policy")[0].policy).Statement[0].Resource).toContain(
      SECRET_ARN,
    );
  });

  test("Fargate keeps its execution role with a public image: Fargate pulls and logs with it", () => {
    const stack = testStack();
    const job = new batch.JobDefinition(stack, "Job", {
      platform: batch.Platform.FARGATE,
      image: ContainerImage.fromRegistry("busybox"),
    });
    expect(job.executionRole).toBeDefined();
    expect(resourcesOf(stack, "aws_iam_role")).toHaveLength(1);
  });

  test("a Fargate platform version Fargate does not list is warned, not refused: AWS adds versions", () => {
    const stack = testStack();
    const job = new batch.JobDefinition(stack, "Job", {
      platform: batch.Platform.FARGATE,
      image: ContainerImage.fromRegistry("busybox"),
      fargatePlatformVersion: "1.5.0",
    });
    expect(job.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([
      'batch.JobDefinition test/Job: fargatePlatformVersion "1.5.0" is not one Fargate lists (1.3.0, 1.4.0); the job definition fails at deploy if it does not exist. Fix: use "LATEST" or a listed version, unless AWS has added this one since.',
    ]);
    const listed = new batch.JobDefinition(stack, "Listed", {
      platform: batch.Platform.FARGATE,
      image: ContainerImage.fromRegistry("busybox"),
      fargatePlatformVersion: "1.4.0",
    });
    expect(listed.node.metadata.filter((m) => m.type === "@cdktf/warn")).toEqual([]);
  });

  test("sourceAccountCondition limits the created execution role's trust to the stack's account", () => {
    const stack = testStack();
    new batch.JobDefinition(stack, "Job", {
      platform: batch.Platform.FARGATE,
      image: ContainerImage.fromRegistry("nginx"),
      sourceAccountCondition: true,
    });
    const [role] = resourcesOf(stack, "aws_iam_role");
    expect(decodeDocument(role.assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.PrivateRegistryCallerIdentity.account_id}" },
    });
  });

  test("EC2 with a given execution role and a RegistrySecret", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Exec", { assumeRolePolicy: "{}" });
    const secret = new RegistrySecret(stack, "Hub", {
      registry: "docker.io",
      username: "u",
      password: new EphemeralVariable(stack, "pw").value,
    });
    new batch.JobDefinition(stack, "Job", {
      platform: batch.Platform.EC2,
      image: ContainerImage.fromRegistry("me/app", { credentials: secret.credentials }),
      executionRole: role,
      name: "nightly",
    });
    expect(resourcesOf(stack, "aws_iam_role")).toHaveLength(1);
    const props = propsOf(stack);
    expect(props.repositoryCredentials.credentialsParameter).toBe(ref(stack, secret.version.secretId));
    expect(props.executionRoleArn).toBe(ref(stack, role.arn));
    expect(props.resourceRequirements).toEqual([
      { type: "VCPU", value: "1" },
      { type: "MEMORY", value: "2048" },
    ]);
    expect(props).not.toHaveProperty("fargatePlatformConfiguration");
  });

  test.each([
    [
      { platform: batch.Platform.FARGATE, vcpus: 3 },
      /vcpus 3 is not a Fargate size\. Fix: use one of 0.25, 0.5, 1, 2, 4, 8, 16/,
    ],
    [
      { platform: batch.Platform.FARGATE, vcpus: 0.25, memoryMiB: 4096 },
      /Fargate does not accept 4096 MiB with vcpus 0.25\. Fix: use memoryMiB 512, 1024-2048/,
    ],
    [
      { platform: batch.Platform.FARGATE, fargatePlatformVersion: "1.1.0" },
      /fargatePlatformVersion "1.1.0" cannot pull with registry credentials \(needs 1.2.0/,
    ],
    [{ platform: batch.Platform.EC2, vcpus: 0.5 }, /vcpus 0.5 is not a whole number/],
    [
      { platform: batch.Platform.EC2, assignPublicIp: true },
      /assignPublicIp applies only to Fargate\. Fix: remove assignPublicIp, or use platform/,
    ],
    [
      { platform: batch.Platform.EC2, retryAttempts: 11 },
      /retryAttempts 11 is out of range\. Fix: give retryAttempts as a whole number from 1 to 10/,
    ],
    [
      { platform: batch.Platform.EC2, timeoutSeconds: 30 },
      /timeoutSeconds 30 is out of range\. Fix: give timeoutSeconds as a whole number of at least 60/,
    ],
    [{ platform: batch.Platform.EC2, environment: { AWS_BATCH_X: "1" } }, /reserved AWS_BATCH prefix/],
    [{ platform: batch.Platform.EC2, name: "bad name" }, /name "bad name" is invalid/],
  ])("rejects %j", (props, message) => {
    expect(
      () => new batch.JobDefinition(testStack(), "Job", { image: ContainerImage.fromRegistry("nginx"), ...props }),
    ).toThrow(new RegExp(`^batch\\.JobDefinition test/Job: .*${message.source}`));
  });
});
