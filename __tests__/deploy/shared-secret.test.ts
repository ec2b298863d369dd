import * as fs from "fs";
import * as path from "path";
import { CdktfProject } from "../support/cdktf-project";
import {
  completionOrder,
  deployedBoot,
  emulatorGaps,
  emulatorNetwork,
  leftovers,
  NOTHING_LEFT,
  unchanged,
} from "../support/deployed";
import { Emulator } from "../support/emulator";
import { runBootScript } from "../support/user-data";

// A secret created in one stack and used by a task definition and a compute environment in another (cdktf's
// cross-stack references, local state), deployed with the real cdktf CLI against moto; then the token rotated, the
// compute environment's boot script run against what was deployed, and both stacks destroyed.
const FIRST = "S3ntinel-first-t0ken";
const ROTATED = "S3ntinel-rotated-t0ken";
const SECRET_STACK = "shared-registry-secret";
const WORKLOAD_STACK = "shared-registry-workload";
const STACKS = [SECRET_STACK, WORKLOAD_STACK];

describe("a registry secret shared across stacks, deployed with the real cdktf CLI", () => {
  let emulator: Emulator;
  let project: CdktfProject;
  let vars: Record<string, string>;
  let deployOutput: string;
  let diffBeforeDeploy: string;
  const outputs = (): Record<string, Record<string, string>> =>
    JSON.parse(fs.readFileSync(path.join(project.dir, "outputs.json"), "utf8"));
  // The one secret in the emulator (the cross-stack output holding its ARN is sensitive, so not in the outputs file).
  const secretArn = (): string => emulator.aws("secretsmanager", "list-secrets").SecretList[0].ARN;
  const deploy = (token: string, version: number) =>
    project.cdktf(
      emulator,
      ["deploy", ...STACKS, "--auto-approve", "--skip-synth", "--skip-provider-lock", "--outputs-file", "outputs.json"],
      { ...vars, dockerhub_token: token, dockerhub_token_version: String(version) },
    );

  beforeAll(() => {
    emulator = Emulator.start();
    project = CdktfProject.forExamples();
    const network = emulatorNetwork(emulator);
    vars = {
      subnet_ids: JSON.stringify([network.subnetId]),
      security_group_ids: JSON.stringify([network.securityGroupId]),
    };
    project.cdktf(emulator, ["synth"]);
    emulatorGaps(emulator, project);
    try {
      diffBeforeDeploy = project.cdktf(emulator, ["diff", WORKLOAD_STACK, "--skip-synth", "--skip-provider-lock"], {
        ...vars,
        dockerhub_token_version: "1",
      });
    } catch (e: any) {
      diffBeforeDeploy = `failed: ${e.message}`;
    }
    deployOutput = deploy(FIRST, 1);
  });

  afterAll(() => {
    emulator?.stop();
    project?.remove();
  });

  test("the workload stack cannot be diffed before the secret stack has been deployed", () => {
    expect(diffBeforeDeploy).toMatch(/^failed: /);
    expect(diffBeforeDeploy).toMatch(/Error: Unable to find remote state/);
  });

  test("the workload stack reads the secret's ARN from the secret stack's state, and deploys after it", () => {
    expect(Object.keys(project.config(WORKLOAD_STACK).data.terraform_remote_state)).toHaveLength(1);
    expect(JSON.stringify(project.config(WORKLOAD_STACK).resource)).not.toContain("arn:aws:secretsmanager");
    expect(completionOrder(deployOutput, STACKS)).toEqual([SECRET_STACK, WORKLOAD_STACK]);
    const { taskDefinition } = emulator.aws(
      "ecs",
      "describe-task-definition",
      "--task-definition",
      outputs()[WORKLOAD_STACK].task_definition_arn,
    );
    expect(taskDefinition.containerDefinitions[0].repositoryCredentials).toEqual({ credentialsParameter: secretArn() });
  });

  test("the boot script, read back from the deployed launch template, writes the deployed credentials", () => {
    const { script } = deployedBoot(emulator, outputs()[WORKLOAD_STACK].job_queue_arn);
    const run = runBootScript(script, { secrets: {}, region: "us-east-1", emulator });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(run.argv).toContain(`aws secretsmanager get-secret-value --region us-east-1 --secret-id ${secretArn()}`);
    const data = /^ECS_ENGINE_AUTH_DATA=(.*)$/m.exec(run.ecsConfig ?? "")?.[1];
    expect(JSON.parse(data!)).toEqual({
      "https://index.docker.io/v1/": { username: "example-user", password: FIRST, email: "" },
    });
    expect(`${run.stdout}${run.stderr}${run.argv}`).not.toContain("S3ntinel");
  });

  test("a new token with its version raised replaces the secret's version only: same secret, nothing else touched", () => {
    const before = secretArn();
    const output = deploy(ROTATED, 2);
    // The provider replaces the version resource (secret_string_wo_version forces it): one new version of the same
    // secret, whose ARN (the consumers' reference) stays known, so the consumer has nothing to do.
    expect(output).toMatch(
      /aws_secretsmanager_secret_version\.DockerHub_Value_\w+ \(DockerHub\/Value\) must be replaced/,
    );
    expect(output).toMatch(/Apply complete! Resources: 1 added, 0 changed, 1 destroyed/);
    expect(output.match(/ must be replaced| will be updated in-place| will be created| will be destroyed/g)).toEqual([
      " must be replaced",
    ]);
    expect(output).toMatch(/No changes\. Your infrastructure matches the configuration\./); // the workload stack's
    expect(secretArn()).toBe(before);
    const value = emulator.aws("secretsmanager", "get-secret-value", "--secret-id", before);
    expect(JSON.parse(value.SecretString)).toEqual({
      username: "example-user",
      password: ROTATED,
      registry: "docker.io",
    });
  });

  test("a new token without a new version changes nothing", () => {
    // The workload stack has no token variable: the secret stack is where an unsent token would show.
    const unsent = { ...vars, dockerhub_token: "S3ntinel-unsent", dockerhub_token_version: "2" };
    expect(unchanged(project, emulator, [SECRET_STACK], unsent)).toEqual({ [SECRET_STACK]: true });
    expect(
      JSON.parse(emulator.aws("secretsmanager", "get-secret-value", "--secret-id", secretArn()).SecretString).password,
    ).toBe(ROTATED);
  });

  test("no token is in any state file, backup, saved plan, synthesized file or CLI output", () => {
    const written = project.writtenFiles();
    expect(written).toContain("cross-stack-output-"); // control: the secret stack's state was read
    expect(written).not.toContain("S3ntinel");
    expect(project.transcript).not.toContain("S3ntinel");
    expect(emulator.requestLog).not.toContain("S3ntinel");
  });

  test("cdktf destroy removes both stacks, the consumer first, and leaves nothing behind", () => {
    expect(leftovers(emulator).computeEnvironments).toHaveLength(1); // control: the lists see what was deployed
    const output = project.cdktf(emulator, ["destroy", ...STACKS, "--auto-approve", "--skip-synth"], {
      ...vars,
      dockerhub_token: ROTATED,
      dockerhub_token_version: "2",
    });
    expect(completionOrder(output, STACKS)).toEqual([WORKLOAD_STACK, SECRET_STACK]);
    expect(leftovers(emulator)).toEqual(NOTHING_LEFT);
  });
});
