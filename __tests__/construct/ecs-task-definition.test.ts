import { TerraformVariable, Testing } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import {
  ContainerImage,
  CpuArchitecture,
  EphemeralVariable,
  LogDriver,
  RegistryCredentials,
  RegistrySecret,
  ecs,
} from "../../lib";
import { decodeDocument } from "../support/documents";
import { REGION_ATTRIBUTE } from "../support/line";
import { KEY_ARN, SECRET_ARN, resourcesOf, synthObject, testStack } from "../support/stacks";

const quay = () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "quay.io" });
const fargate = (stack = testStack(), extra: Partial<ecs.TaskDefinitionProps> = {}) => ({
  stack,
  task: new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.FARGATE, ...extra }),
});
const containersOf = (stack: ReturnType<typeof testStack>) =>
  decodeDocument(resourcesOf(stack, "aws_ecs_task_definition")[0].container_definitions);
const policiesOf = (stack: ReturnType<typeof testStack>) =>
  resourcesOf(stack, "aws_iam_role_policy").map((p) => decodeDocument(p.policy));

describe("ecs.TaskDefinition", () => {
  test("a private image sets repositoryCredentials and grants the created execution role", () => {
    const { stack, task } = fargate();
    task.addContainer("app", { image: ContainerImage.fromRegistry("quay.io/org/app:1", { credentials: quay() }) });
    const synth = Testing.synth(stack, true);
    expect(synth).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: "app",
      requires_compatibilities: ["FARGATE"],
      network_mode: "awsvpc",
      cpu: "256",
      memory: "512",
      execution_role_arn: "${aws_iam_role.Task_ExecutionRole_AAB5EA0C.arn}",
    });
    expect(synth).toHaveResourceWithProperties(IamRole, {
      assume_role_policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" } }],
      }),
    });
    expect(synth).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn:
        "arn:${data.aws_partition.PrivateRegistryPartition.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    });
    expect(containersOf(stack)).toEqual([
      {
        name: "app",
        image: "quay.io/org/app:1",
        repositoryCredentials: { credentialsParameter: SECRET_ARN },
        essential: true,
      },
    ]);
    expect(policiesOf(stack)).toEqual([
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadRegistryCredentials",
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: SECRET_ARN,
          },
        ],
      },
    ]);
  });

  test("mixes public, private and ECR images; containers sharing a secret add it once", () => {
    const { stack, task } = fargate(testStack(), { cpu: 1024, memoryMiB: 2048 });
    const creds = quay();
    task.addContainer("a", { image: ContainerImage.fromRegistry("quay.io/org/a:1", { credentials: creds }) });
    task.addContainer("b", {
      image: ContainerImage.fromRegistry("quay.io/org/b:1", { credentials: creds }),
      essential: false,
    });
    task.addContainer("c", {
      image: ContainerImage.fromRegistry("quay.io/org/c:1", { credentials: quay() }),
      essential: false,
    });
    task.addContainer("pub", { image: ContainerImage.fromRegistry("nginx:1.27"), essential: false });
    task.addContainer("ecr", {
      image: ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/tool:2"),
      essential: false,
    });
    const containers = containersOf(stack);
    expect(containers.map((c: any) => [c.name, c.repositoryCredentials?.credentialsParameter])).toEqual([
      ["a", SECRET_ARN],
      ["b", SECRET_ARN],
      ["c", SECRET_ARN],
      ["pub", undefined],
      ["ecr", undefined],
    ]);
    const [policy] = policiesOf(stack);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Resource).toBe(SECRET_ARN);
  });

  test("a given execution role only gains the grant; no role or managed policy is created", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Mine", { assumeRolePolicy: "{}" });
    const task = new ecs.TaskDefinition(stack, "Task", {
      family: "app",
      compatibility: ecs.Compatibility.FARGATE,
      executionRole: role,
      taskRoleArn: "arn:aws:iam::111122223333:role/app",
    });
    task.addContainer("app", {
      image: ContainerImage.fromRegistry("quay.io/org/app:1", {
        credentials: RegistryCredentials.fromSecretArn(SECRET_ARN, { kmsKeyArn: KEY_ARN }),
      }),
    });
    expect(resourcesOf(stack, "aws_iam_role")).toHaveLength(1);
    expect(resourcesOf(stack, "aws_iam_role_policy_attachment")).toHaveLength(0);
    expect(resourcesOf(stack, "aws_iam_role_policy")[0].role).toBe("${aws_iam_role.Mine.name}");
    expect(policiesOf(stack)[0].Statement.map((s: any) => s.Action)).toEqual([
      "secretsmanager:GetSecretValue",
      "kms:Decrypt",
    ]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(EcsTaskDefinition, {
      execution_role_arn: "${aws_iam_role.Mine.arn}",
      task_role_arn: "arn:aws:iam::111122223333:role/app",
    });
  });

  test("a container is what its options said when it was added", () => {
    const { stack, task } = fargate();
    const environment: Record<string, string> = { A: "1" };
    const command = ["serve"];
    task.addContainer("app", { image: ContainerImage.fromRegistry("nginx"), environment, command });
    environment.B = "2";
    command.push("--debug");
    // A later container renders the definition again; the first one must not pick up the changes then either.
    task.addContainer("sidecar", { image: ContainerImage.fromRegistry("busybox"), essential: false });
    expect(containersOf(stack)[0]).toMatchObject({ environment: [{ name: "A", value: "1" }], command: ["serve"] });
  });

  test("sourceAccountCondition limits the created execution role's trust to the stack's account", () => {
    const stack = testStack();
    new ecs.TaskDefinition(stack, "Task", {
      family: "app",
      compatibility: ecs.Compatibility.FARGATE,
      sourceAccountCondition: true,
    }).addContainer("app", { image: ContainerImage.fromRegistry("nginx") });
    const [role] = resourcesOf(stack, "aws_iam_role");
    expect(decodeDocument(role.assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.PrivateRegistryCallerIdentity.account_id}" },
    });
  });

  test("a RegistrySecret's credentials reference the secret version", () => {
    const stack = testStack();
    const secret = new RegistrySecret(stack, "Hub", {
      registry: "docker.io",
      username: "me",
      password: new EphemeralVariable(stack, "pw").value,
    });
    const { task } = fargate(stack);
    task.addContainer("app", {
      image: ContainerImage.fromRegistry("me/private:1", { credentials: secret.credentials }),
    });
    expect(containersOf(stack)[0].repositoryCredentials.credentialsParameter).toMatch(
      /^\$\{aws_secretsmanager_secret_version\.Hub_Value_\w+\.secret_id\}$/,
    );
    expect(policiesOf(stack)[0].Statement[0].Resource).toMatch(
      /^\$\{aws_secretsmanager_secret_version\.Hub_Value_\w+\.secret_id\}$/,
    );
  });

  test("renders every container option, with awslogs in the provider's region", () => {
    const stack = testStack();
    const task = new ecs.TaskDefinition(stack, "Task", {
      family: "app",
      compatibility: ecs.Compatibility.EC2,
      cpuArchitecture: CpuArchitecture.ARM64,
    });
    task.addContainer("app", {
      image: ContainerImage.fromRegistry("nginx"),
      memoryMiB: 256,
      memoryReservationMiB: 128,
      cpu: 128,
      portMappings: [{ containerPort: 80, hostPort: 8080 }],
      environment: { B: "2", A: "1" },
      command: ["run"],
      entryPoint: ["/bin/app"],
      workingDirectory: "/srv",
      logging: LogDriver.awsLogs({ logGroupName: "/ecs/app", streamPrefix: "app" }),
    });
    const synth = synthObject(stack);
    expect(Object.values(synth.resource.aws_ecs_task_definition)[0]).toMatchObject({
      network_mode: "bridge",
      runtime_platform: { cpu_architecture: "ARM64", operating_system_family: "LINUX" },
    });
    expect(containersOf(stack)[0]).toEqual({
      name: "app",
      image: "nginx",
      essential: true,
      cpu: 128,
      memory: 256,
      memoryReservation: 128,
      portMappings: [{ containerPort: 80, hostPort: 8080, protocol: "tcp" }],
      environment: [
        { name: "A", value: "1" },
        { name: "B", value: "2" },
      ],
      command: ["run"],
      entryPoint: ["/bin/app"],
      workingDirectory: "/srv",
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-group": "/ecs/app",
          "awslogs-region": `${"$"}{data.aws_region.PrivateRegistryRegion.${REGION_ATTRIBUTE}}`,
          "awslogs-stream-prefix": "app",
        },
      },
    });
  });

  test("number variables pass the number checks and reach the document as references", () => {
    const stack = testStack();
    const number = (name: string) => new TerraformVariable(stack, name, { type: "number" }).numberValue;
    const task = new ecs.TaskDefinition(stack, "Task", {
      family: "app",
      compatibility: ecs.Compatibility.EC2,
      networkMode: ecs.NetworkMode.BRIDGE,
    });
    task.addContainer("web", {
      image: ContainerImage.fromRegistry("nginx"),
      memoryMiB: number("memory"),
      memoryReservationMiB: 128,
      portMappings: [{ containerPort: number("port"), hostPort: 8080 }],
    });
    const definition = resourcesOf(stack, "aws_ecs_task_definition")[0].container_definitions as string;
    expect(definition).toContain("var.memory");
    expect(definition).toContain("var.port");
  });

  test("a partial secret ARN warns on the task definition, once per secret", () => {
    const { task } = fargate();
    const partial = RegistryCredentials.fromSecretArn(
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/quay",
    );
    task.addContainer("a", { image: ContainerImage.fromRegistry("quay.io/o/a", { credentials: partial }) });
    task.addContainer("b", { image: ContainerImage.fromRegistry("quay.io/o/b", { credentials: partial }) });
    const warnings = task.node.metadata.filter((m) => m.type === "@cdktf/warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0].data).toMatch(/complete ARN/);
  });

  describe("bad input fails at synth, naming the construct and the fix", () => {
    test.each([
      [{ cpu: 300 }, /^ecs\.TaskDefinition test\/Task: cpu 300 is not a Fargate size\. Fix: use one of 256, 512, 1024/],
      [
        { cpu: 256, memoryMiB: 4096 },
        /Fargate does not accept 4096 MiB with cpu 256\. Fix: use memoryMiB 512, 1024-2048 in steps of 1024/,
      ],
      [{ cpu: 1024, memoryMiB: 1024 }, /Fargate does not accept 1024 MiB with cpu 1024\. Fix: use memoryMiB 2048-8192/],
      [{ networkMode: ecs.NetworkMode.BRIDGE }, /networkMode "bridge" is not supported on Fargate/],
      [{ family: "has space" }, /family "has space" is invalid/],
    ])("%j", (props, message) => {
      expect(() => fargate(testStack(), props)).toThrow(message);
    });

    test("duplicate container names", () => {
      const { task } = fargate();
      task.addContainer("app", { image: ContainerImage.fromRegistry("nginx") });
      expect(() => task.addContainer("app", { image: ContainerImage.fromRegistry("nginx") })).toThrow(
        /a container named "app" already exists\. Fix: give each container/,
      );
    });

    test("EC2 containers without any memory setting", () => {
      const stack = testStack();
      const task = new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.EC2 });
      expect(() => task.addContainer("app", { image: ContainerImage.fromRegistry("nginx") })).toThrow(
        /no memory setting.*Fix: set memoryMiB or memoryReservationMiB/,
      );
    });

    test.each([
      [{ memoryMiB: 1024 }, /asks for 1024 MiB but the task has 512 MiB/],
      [{ memoryMiB: 256, memoryReservationMiB: 300 }, /reserves 300 MiB but is limited to 256 MiB/],
      [
        { portMappings: [{ containerPort: 80, hostPort: 8080 }] },
        /host port 8080 to container port 80, which awsvpc networking cannot do/,
      ],
      [{ portMappings: [{ containerPort: 70000 }] }, /containerPort 70000 is out of range/],
    ])("container %j", (options, message) => {
      const { task } = fargate();
      expect(() => task.addContainer("app", { image: ContainerImage.fromRegistry("nginx"), ...options })).toThrow(
        message,
      );
    });

    test("invalid container names", () => {
      const { task } = fargate();
      expect(() => task.addContainer("my app", { image: ContainerImage.fromRegistry("nginx") })).toThrow(
        /container name "my app" is invalid/,
      );
    });

    test("a task without containers, or none essential", () => {
      const { stack } = fargate();
      expect(() => Testing.synth(stack, true)).toThrow(/has no containers\. Fix: call addContainer/);
      const other = fargate();
      other.task.addContainer("side", { image: ContainerImage.fromRegistry("nginx"), essential: false });
      expect(() => Testing.synth(other.stack, true)).toThrow(/no container is essential/);
    });
  });
});
