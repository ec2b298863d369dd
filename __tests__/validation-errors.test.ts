import { TerraformStack } from "cdktf";
import { ContainerImage, LogDriver, RegistryCredentials, RegistrySecret, ValidationError, batch, ecs } from "../lib";
import { network, quay, SECRET_ARN, testStack } from "./support/stacks";

type Case = [string, string, (stack: TerraformStack) => unknown];

const fargate = (stack: TerraformStack, props: Partial<ecs.TaskDefinitionProps> = {}) =>
  new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.FARGATE, ...props });
const job = (stack: TerraformStack, props: Partial<batch.JobDefinitionProps>) =>
  new batch.JobDefinition(stack, "Job", { platform: batch.Platform.EC2, image: ContainerImage.fromRegistry("nginx"), ...props });
const ce = (stack: TerraformStack, props: Partial<batch.ComputeEnvironmentProps>) =>
  new batch.ComputeEnvironment(stack, "CE", { registryCredentials: [quay()], ...network, ...props });

// [what, expected source, how]: every kind of construct and factory a user calls, with one bad input each or more.
const CASES: Case[] = [
  ["image reference", 'ContainerImage.fromRegistry("MyOrg/app")', () => ContainerImage.fromRegistry("MyOrg/app")],
  ["ECR image with credentials", 'ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/a")', () => ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/a", { credentials: quay() })],
  ["secret of another service", 'RegistryCredentials.fromSecretArn("arn:aws:ssm:eu-west-1:111122223333:parameter/x")', () => RegistryCredentials.fromSecretArn("arn:aws:ssm:eu-west-1:111122223333:parameter/x")],
  ["complete ARN without suffix", 'RegistryCredentials.fromSecretCompleteArn("arn:aws:secretsmanager:eu-west-1:111122223333:secret:x")', () => RegistryCredentials.fromSecretCompleteArn("arn:aws:secretsmanager:eu-west-1:111122223333:secret:x")],
  ["partial ARN that is a name", 'RegistryCredentials.fromSecretPartialArn("x")', () => RegistryCredentials.fromSecretPartialArn("x")],
  ["name that is an ARN", `RegistryCredentials.fromSecretName(${JSON.stringify(SECRET_ARN)})`, () => RegistryCredentials.fromSecretName(SECRET_ARN)],
  ["KMS alias", `RegistryCredentials.fromSecretCompleteArn(${JSON.stringify(SECRET_ARN)})`, () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/x" })],
  ["registry URL", `RegistryCredentials.fromSecretCompleteArn(${JSON.stringify(SECRET_ARN)})`, () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "https://quay.io" })],
  ["registry host with capitals", `RegistryCredentials.fromSecretCompleteArn(${JSON.stringify(SECRET_ARN)})`, () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "Quay.io" })],
  ["literal password", "RegistrySecret test/S", (s) => new RegistrySecret(s, "S", { registry: "quay.io", username: "u", password: "hunter2" })],
  ["secret recovery window", "RegistrySecret test/S", (s) => new RegistrySecret(s, "S", { registry: "quay.io", username: "u", password: "${var.x}", recoveryWindowInDays: 3 })],
  ["log driver name", 'LogDriver.generic("Not A Driver")', () => LogDriver.generic({ logDriver: "Not A Driver" })],
  ["Fargate size", "ecs.TaskDefinition test/Task", (s) => fargate(s, { cpu: 300 })],
  ["family", "ecs.TaskDefinition test/Task", (s) => fargate(s, { family: "a b" })],
  ["container name", "ecs.TaskDefinition test/Task", (s) => fargate(s).addContainer("a b", { image: ContainerImage.fromRegistry("nginx") })],
  ["port", "ecs.TaskDefinition test/Task", (s) => fargate(s).addContainer("a", { image: ContainerImage.fromRegistry("nginx"), portMappings: [{ containerPort: 70000 }] })],
  ["Batch Fargate size", "batch.JobDefinition test/Job", (s) => job(s, { platform: batch.Platform.FARGATE, vcpus: 3 })],
  ["Batch platform version", "batch.JobDefinition test/Job", (s) => job(s, { platform: batch.Platform.FARGATE, fargatePlatformVersion: "1.1.0" })],
  ["Batch retries", "batch.JobDefinition test/Job", (s) => job(s, { retryAttempts: 0 })],
  ["Batch job name", "batch.JobDefinition test/Job", (s) => job(s, { name: "a/b" })],
  ["compute environment credentials without registry", "batch.ComputeEnvironment test/CE", (s) => ce(s, { registryCredentials: [RegistryCredentials.fromSecretCompleteArn(SECRET_ARN)] })],
  ["compute environment vCPU range", "batch.ComputeEnvironment test/CE", (s) => ce(s, { minVcpus: 5, maxVcpus: 1 })],
  ["user-data part with the boundary", "batch.ComputeEnvironment test/CE", (s) => ce(s, { userDataParts: [{ contentType: "text/x-shellscript", content: "==cdktf-private-registry-7f3c1a==" }] })],
  ["Spot strategy on On-Demand", "batch.ComputeEnvironment test/CE", (s) => ce(s, { allocationStrategy: batch.AllocationStrategy.SPOT_CAPACITY_OPTIMIZED })],
  ["job queue size", "batch.JobQueue test/Q", (s) => new batch.JobQueue(s, "Q", { computeEnvironments: [] })],
  ["user data renderer", "batch.EcsAgentAuthUserData.render", () => batch.EcsAgentAuthUserData.render({ registries: [] })],
];

describe("every error a user can cause is a ValidationError naming its source and the fix", () => {
  test.each(CASES)("%s", (_, source, make) => {
    let thrown: unknown;
    try {
      make(testStack());
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toBeInstanceOf(Error);
    const error = thrown as ValidationError;
    expect(error.source).toBe(source);
    expect(error.message).toBe(`${source}: ${error.problem}. Fix: ${error.fix}.`);
    expect(error.message).toMatch(/^.+: [^]+\. Fix: [^]+\.$/);
    expect(error.message).not.toMatch(/undefined|NaN|\[object Object\]/);
    expect((error as unknown as Error).stack).toContain("validation-errors.test.ts");
  });

  test("the error class behaves as an Error", () => {
    const error = new ValidationError("here", "wrong", "do this");
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe("ValidationError: here: wrong. Fix: do this.");
    expect(() => { throw error; }).toThrow("here: wrong. Fix: do this.");
  });
});
