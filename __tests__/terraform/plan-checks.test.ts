import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  ContainerImage,
  ContainerSecret,
  EphemeralVariable,
  RegistryCredentials,
  RegistrySecret,
  batch,
  ecs,
} from "../../lib";
import { TerraformWorkspace } from "../support/terraform";
import { KEY_ARN, SECRET_ARN } from "../support/stacks";

// Values that are Terraform references cannot be checked at synth. Each that comes from a variable gets the
// literal's check as a validation of that variable, so a bad value stops `terraform plan` with our message, not a
// deploy.
describe("references checked at plan by their variables' validations, under real Terraform", () => {
  let ws: TerraformWorkspace;
  beforeAll(() => {
    const stack = new TerraformStack(new App(), "plan-checks");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const text = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const number = (name: string) => new TerraformVariable(stack, name, { type: "number" }).numberValue;
    const task = new ecs.TaskDefinition(stack, "Task", {
      family: "app",
      compatibility: ecs.Compatibility.EC2,
      networkMode: text("network_mode") as ecs.NetworkMode,
      cpu: number("cpu"),
      memoryMiB: 512,
    });
    task.addContainer("web", {
      image: ContainerImage.fromRegistry("quay.io/org/web:1", {
        credentials: RegistryCredentials.fromSecretCompleteArn(text("secret_arn"), {
          registry: "quay.io",
          kmsKeyArn: text("key_arn"),
        }),
      }),
      secrets: { TOKEN: ContainerSecret.fromSecretsManager(text("token_arn")) },
      // A range from 0: cdktf drops a right operand of 0, so the condition is written with the literal first.
      portMappings: [{ containerPort: 80, hostPort: number("host_port") }],
    });
    // A secret name is placed in the provider's account, which the plan asks STS for: moto answers on loopback.
    task.addContainer("sidecar", {
      image: ContainerImage.fromRegistry("docker.io/org/sidecar:1", {
        credentials: RegistryCredentials.fromSecretName(text("secret_name"), { registry: "docker.io" }),
      }),
      essential: false,
    });
    new batch.ComputeEnvironment(stack, "CE", {
      registryCredentials: [RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "quay.io" })],
      subnetIds: ["subnet-0a1b2c3d"],
      securityGroupIds: ["sg-0a1b2c3d"],
      maxVcpus: number("max_vcpus"),
    });
    new RegistrySecret(stack, "Hub", {
      registry: "docker.io",
      username: "robot",
      password: new EphemeralVariable(stack, "token").value,
      recoveryWindowInDays: number("recovery_window"),
    });
    ws = TerraformWorkspace.fromStack(stack);
    ws.init();
  });
  afterAll(() => ws?.remove());

  const GOOD = {
    network_mode: "bridge",
    cpu: "256",
    secret_arn: SECRET_ARN,
    key_arn: KEY_ARN,
    token_arn: SECRET_ARN,
    secret_name: "registry/hub",
    max_vcpus: "16",
    recovery_window: "7",
    host_port: "0",
    token: "S3ntinel",
  };

  test("good values plan without a diagnostic", () => {
    expect(ws.planWithEmulator(GOOD).diagnostics).toEqual([]);
  });

  test("a value a range admits beside itself (a recovery window of 0) plans too", () => {
    expect(ws.planWithEmulator({ ...GOOD, recovery_window: "0" }).diagnostics).toEqual([]);
  });

  test("each bad value stops the plan with the contract's message", () => {
    const bad = {
      network_mode: "AWSVPC",
      cpu: "100.5",
      secret_arn: "registry/quay",
      key_arn: KEY_ARN.replace(/key\/.*/, "alias/quay"),
      token_arn: "x",
      secret_name: SECRET_ARN,
      max_vcpus: "-1",
      recovery_window: "3",
      host_port: "65536",
      token: "S3ntinel",
    };
    let output = "";
    try {
      ws.planWithEmulator(bad);
    } catch (e) {
      output = (e as Error).message;
    }
    for (const message of [
      "ecs.TaskDefinition plan-checks/Task: props.networkMode is not an ecs.NetworkMode. Fix: give one of ecs.NetworkMode.",
      "ecs.TaskDefinition plan-checks/Task: cpu is out of range. Fix: give cpu as a whole number of at least 128.",
      "RegistryCredentials.fromSecretCompleteArn(<reference>): the reference is not a Secrets Manager secret ARN. Fix: give arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<suffix>.",
      "RegistryCredentials.fromSecretCompleteArn(<reference>): kmsKeyArn is not a KMS key ARN.",
      "ContainerSecret.fromSecretsManager(<reference>): the reference is not a Secrets Manager secret ARN.",
      "batch.ComputeEnvironment plan-checks/CE: maxVcpus is out of range.",
      "RegistryCredentials.fromSecretName(<reference>): the reference is not a Secrets Manager secret name.",
      'ecs.TaskDefinition plan-checks/Task: container "web" hostPort is out of range. Fix: give container "web" hostPort as a whole number from 0 to 65535.',
      "RegistrySecret plan-checks/Hub: recoveryWindowInDays is out of range. Fix: give recoveryWindowInDays as a whole number from 7 to 30, or 0 to delete at once.",
    ]) {
      // The diagnostics are JSON: a quote in a message is escaped there.
      expect(output.replace(/\\"/g, '"')).toContain(message);
    }
  });
});
