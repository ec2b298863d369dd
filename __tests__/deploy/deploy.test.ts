import * as fs from "fs";
import * as path from "path";
import { secretReadPolicy } from "../../lib/private/policy-documents";
import { CdktfProject } from "../support/cdktf-project";
import { Emulator } from "../support/emulator";
import {
  deployedBoot,
  emulatorGaps,
  emulatorNetwork,
  leftovers,
  NetworkIds,
  NOTHING_LEFT,
  unchanged,
} from "../support/deployed";

// What a user runs first: `cdktf deploy` of the example stacks, for real, against moto's AWS API emulator on loopback
// in a namespace of its own; only the environment points the CLI at it. Then the deployed resources are read back
// with the AWS CLI, re-diffed, and destroyed.
const SENTINEL = "S3ntinel-deployed-t0ken";
const ROTATED = "S3ntinel-rotated-t0ken";
// pull-through-cache is planned only: moto has no ECR pull-through-cache rules, and every image of that stack names
// a rule's registry (README, Support matrix).
const STACKS = ["ecs-private-registry", "batch-private-registry", "production"];

describe("the example stacks deployed with the real cdktf CLI", () => {
  let emulator: Emulator;
  let project: CdktfProject;
  let network: NetworkIds;
  let vars: Record<string, string>;
  let outputs: Record<string, Record<string, string>>;

  beforeAll(() => {
    emulator = Emulator.start();
    project = CdktfProject.forExamples();
    network = emulatorNetwork(emulator);
    vars = {
      dockerhub_token: SENTINEL,
      ghcr_token: SENTINEL,
      subnet_ids: JSON.stringify([network.subnetId]),
      security_group_ids: JSON.stringify([network.securityGroupId]),
    };
    project.cdktf(emulator, ["synth"]);
    emulatorGaps(emulator, project);
    project.cdktf(
      emulator,
      ["deploy", ...STACKS, "--auto-approve", "--skip-synth", "--skip-provider-lock", "--outputs-file", "outputs.json"],
      vars,
    );
    outputs = JSON.parse(fs.readFileSync(path.join(project.dir, "outputs.json"), "utf8"));
  });

  afterAll(() => {
    emulator?.stop();
    project?.remove();
  });

  test("the ECS task definition carries repositoryCredentials on the private container only", () => {
    const { taskDefinition } = emulator.aws(
      "ecs",
      "describe-task-definition",
      "--task-definition",
      outputs["ecs-private-registry"].task_definition_arn,
    );
    const secretArn = outputs["ecs-private-registry"].registry_secret_arn;
    expect(taskDefinition.containerDefinitions.map((c: any) => [c.name, c.repositoryCredentials])).toEqual([
      ["app", { credentialsParameter: secretArn }],
      ["sidecar", undefined],
    ]);
    // The execution role's inline policy is the grant our renderer writes, for exactly the deployed secret.
    const role = taskDefinition.executionRoleArn.split("/").pop();
    expect(emulator.aws("iam", "list-role-policies", "--role-name", role).PolicyNames).toEqual([
      "private-registry-secret-read",
    ]);
    const policy = emulator.aws(
      "iam",
      "get-role-policy",
      "--role-name",
      role,
      "--policy-name",
      "private-registry-secret-read",
    ).PolicyDocument;
    expect(policy).toEqual(secretReadPolicy([{ secretResource: secretArn }]));
    const attached = emulator
      .aws("iam", "list-attached-role-policies", "--role-name", role)
      .AttachedPolicies.map((p: any) => p.PolicyName);
    expect(attached).toEqual(["AmazonECSTaskExecutionRolePolicy"]);
  });

  test("the secret holds exactly the username, the password and the registry", () => {
    const value = emulator.aws(
      "secretsmanager",
      "get-secret-value",
      "--secret-id",
      outputs["ecs-private-registry"].registry_secret_arn,
    );
    expect(JSON.parse(value.SecretString)).toEqual({
      username: "example-user",
      password: SENTINEL,
      registry: "docker.io",
    });
  });

  test("the Batch job definitions: credentials on the Fargate job, none on the EC2 job the instances serve", () => {
    const batch = outputs["batch-private-registry"];
    const [fargate] = emulator.aws(
      "batch",
      "describe-job-definitions",
      "--job-definitions",
      batch.fargate_job_definition_arn,
    ).jobDefinitions;
    const [ec2] = emulator.aws(
      "batch",
      "describe-job-definitions",
      "--job-definitions",
      batch.ec2_job_definition_arn,
    ).jobDefinitions;
    const jobSecret = fargate.containerProperties.repositoryCredentials.credentialsParameter;
    expect(jobSecret).toMatch(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:terraform-/);
    expect(jobSecret).not.toBe(outputs["ecs-private-registry"].registry_secret_arn); // the Batch stack's own secret
    expect(fargate.platformCapabilities).toEqual(["FARGATE"]);
    expect(ec2.containerProperties.repositoryCredentials).toBeUndefined();
    expect(ec2.containerProperties.image).toBe("quay.io/example/worker:2.3");
  });

  test("the compute environment boots its instances from the launch template's latest version, holding our MIME document", () => {
    const boot = deployedBoot(emulator, outputs["batch-private-registry"].job_queue_arn);
    expect(boot.queue.computeEnvironmentOrder).toEqual([
      { order: 0, computeEnvironment: expect.stringMatching(/:compute-environment\//) },
    ]);
    expect(boot.version).toBe(String(boot.latestVersion));
    expect(boot.templateData.MetadataOptions).toMatchObject({ HttpTokens: "required", HttpPutResponseHopLimit: 1 });
    expect(boot.mime.contentType).toBe("multipart/mixed");
    expect(boot.script).toContain("ECS_ENGINE_AUTH_DATA");
  });

  test("the production example's service: its private image, EFS volume and both grants", () => {
    const { taskDefinition } = emulator.aws(
      "ecs",
      "describe-task-definition",
      "--task-definition",
      outputs.production.api_task_definition_arn,
    );
    const api = taskDefinition.containerDefinitions.find((c: any) => c.repositoryCredentials !== undefined);
    expect(api.repositoryCredentials.credentialsParameter).toMatch(/:secret:terraform-/);
    expect(taskDefinition.volumes).toEqual([
      expect.objectContaining({
        name: "uploads",
        efsVolumeConfiguration: expect.objectContaining({ transitEncryption: "ENABLED" }),
      }),
    ]);
    const role = taskDefinition.executionRoleArn.split("/").pop();
    expect(emulator.aws("iam", "list-role-policies", "--role-name", role).PolicyNames.sort()).toEqual([
      "container-read",
      "private-registry-secret-read",
    ]);
  });

  test("cdktf diff right after the deploy reports no changes, for every stack", () => {
    expect(unchanged(project, emulator, STACKS, vars)).toEqual(
      Object.fromEntries(STACKS.map((stack) => [stack, true])),
    );
  });

  test("cdktf output prints the stack's outputs", () => {
    const printed = project.cdktf(
      emulator,
      ["output", "ecs-private-registry", "--skip-synth", "--outputs-file", "ecs-outputs.json"],
      vars,
    );
    expect(printed).toContain("task_definition_arn");
    const written = JSON.parse(fs.readFileSync(path.join(project.dir, "ecs-outputs.json"), "utf8"));
    expect(written["ecs-private-registry"]).toEqual(outputs["ecs-private-registry"]);
  });

  test("a new token with passwordVersion raised replaces the secret's version alone, in every stack using it", () => {
    const rotated = ["ecs-private-registry", "batch-private-registry"];
    // As if passwordVersion were raised in each stack's code (the override sets what that synthesizes).
    for (const stack of rotated) {
      const [name] = Object.keys(project.config(stack).resource.aws_secretsmanager_secret_version);
      project.override(stack, "rotation", {
        resource: { aws_secretsmanager_secret_version: { [name]: { secret_string_wo_version: 2 } } },
      });
    }
    const output = project.cdktf(
      emulator,
      [
        "deploy",
        ...rotated,
        "--auto-approve",
        "--skip-synth",
        "--skip-provider-lock",
        "--outputs-file",
        "rotated.json",
      ],
      { ...vars, dockerhub_token: ROTATED },
    );
    const planned = output.match(
      /# \S+ \([^)]*\) (must be replaced|will be updated in-place|will be created|will be destroyed)/g,
    );
    expect(planned).toEqual([
      expect.stringMatching(
        /^# aws_secretsmanager_secret_version\.DockerHub_Value_\w+ \(DockerHub\/Value\) must be replaced$/,
      ),
      expect.stringMatching(
        /^# aws_secretsmanager_secret_version\.DockerHub_Value_\w+ \(DockerHub\/Value\) must be replaced$/,
      ),
    ]);
    // The same task definition revision, job definitions and queue: nothing that uses the secret was touched.
    const after = JSON.parse(fs.readFileSync(path.join(project.dir, "rotated.json"), "utf8"));
    for (const stack of rotated) expect(after[stack]).toEqual(outputs[stack]);
    const value = emulator.aws(
      "secretsmanager",
      "get-secret-value",
      "--secret-id",
      outputs["ecs-private-registry"].registry_secret_arn,
    );
    expect(JSON.parse(value.SecretString)).toEqual({
      username: "example-user",
      password: ROTATED,
      registry: "docker.io",
    });
  });

  test("the password is in no state file, backup, saved plan, synthesized file or CLI output", () => {
    expect(project.writtenFiles()).toContain("terraform_version"); // control: the state files were read
    expect(project.writtenFiles()).not.toContain("S3ntinel");
    expect(project.transcript).not.toContain("S3ntinel");
    expect(emulator.requestLog).toContain("POST /v1/createjobqueue"); // control: the log holds the requests
    expect(emulator.requestLog).not.toContain("S3ntinel");
  });

  test("cdktf destroy leaves none of the stacks' resources in the emulator", () => {
    // Control: every list sees what the stacks deployed.
    expect(Object.entries(leftovers(emulator)).filter(([, found]) => found.length === 0)).toEqual([]);
    project.cdktf(emulator, ["destroy", ...STACKS, "--auto-approve", "--skip-synth"], vars);
    expect(leftovers(emulator)).toEqual(NOTHING_LEFT);
    expect(project.transcript).not.toContain("S3ntinel");
  });
});
