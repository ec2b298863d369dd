import { CdktfProject } from "./cdktf-project";
import { Emulator } from "./emulator";
import { MimePart, parseMime, parseYaml } from "./user-data";

export interface NetworkIds {
  readonly subnetId: string;
  readonly securityGroupId: string;
}

/**
 * A VPC with one subnet and one security group in the emulator: what a user passes the Batch stacks as
 * `subnet_ids` and `security_group_ids` (moto, like AWS, refuses ids that do not exist).
 */
export function emulatorNetwork(emulator: Emulator): NetworkIds {
  const vpc = emulator.aws("ec2", "create-vpc", "--cidr-block", "10.0.0.0/16").Vpc.VpcId;
  const subnetId = emulator.aws("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0.1.0/24").Subnet.SubnetId;
  const securityGroupId = emulator.aws(
    "ec2",
    "create-security-group",
    "--vpc-id",
    vpc,
    "--group-name",
    "batch",
    "--description",
    "Batch instances",
  ).GroupId;
  return { subnetId, securityGroupId };
}

/**
 * Where moto 5.2.1 differs from AWS, set from the test in Terraform override files dropped into the synthesized stacks
 * (the user's code and the library stay as they are; commands after this use `--skip-synth`):
 * - a compute environment without `serviceRole` is refused by moto; AWS uses its service-linked role
 *   (AWSServiceRoleForBatch), which is what our constructs rely on. The test creates a role and names it. moto also
 *   forgets the compute environment's update policy (below).
 * - moto cannot register a multi-container job definition (`ecsProperties`: "containerProperties or eksProperties
 *   must be provided"): such a definition is left out (`count = 0`), and outputs naming it say so.
 * - An ECS service without awsvpc networking crashes AWS provider 5.100.0 when it reads moto's DescribeServices answer
 *   (a nil pointer in `flattenNetworkConfiguration`: moto returns a network configuration AWS omits there): such a
 *   service is left out the same way.
 */
export function emulatorGaps(emulator: Emulator, project: CdktfProject): void {
  let serviceRole: string | undefined;
  for (const stack of project.stacks()) {
    const config = project.config(stack);
    const override: any = {};
    for (const name of Object.keys(config.resource.aws_batch_compute_environment ?? {})) {
      serviceRole ??= emulator.aws(
        "iam",
        "create-role",
        "--role-name",
        "emulator-batch-service-role",
        "--assume-role-policy-document",
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "batch.amazonaws.com" } }],
        }),
      ).Role.Arn;
      // moto also drops `updatePolicy` (AWS returns it from DescribeComputeEnvironments, botocore's model has it in
      // ComputeEnvironmentDetail), so the provider reads no block back and would plan to add ours on every diff.
      ((override.resource ??= {}).aws_batch_compute_environment ??= {})[name] = {
        service_role: serviceRole,
        lifecycle: { ignore_changes: ["update_policy"] },
      };
    }
    const leaveOut = (type: string, name: string, why: string) => {
      ((override.resource ??= {})[type] ??= {})[name] = { count: 0 };
      for (const [output, value] of Object.entries<any>(config.output ?? {})) {
        if (JSON.stringify(value).includes(`${type}.${name}.`))
          (override.output ??= {})[output] = { value: `not deployed: ${why}` };
      }
    };
    for (const [name, job] of Object.entries<any>(config.resource.aws_batch_job_definition ?? {})) {
      if (job.ecs_properties !== undefined)
        leaveOut("aws_batch_job_definition", name, "the emulator has no ecsProperties");
    }
    for (const [name, service] of Object.entries<any>(config.resource.aws_ecs_service ?? {})) {
      if (service.network_configuration === undefined)
        leaveOut("aws_ecs_service", name, "the provider cannot read the emulator's service");
    }
    if (Object.keys(override).length > 0) project.override(stack, "emulator", override);
  }
}

/**
 * The list calls that find what our stacks create, each with the field of the answer that names the resources. They
 * run in one Python process (botocore, what the AWS CLI is built on): an `aws` start costs about a CPU second.
 */
const RESOURCE_LISTS: Record<string, [service: string, operation: string, params: object, list: string, name: string]> =
  {
    // Destroying a secret schedules its deletion (30 days by default): those are listed, and only those are allowed.
    secrets: ["secretsmanager", "list_secrets", { IncludePlannedDeletion: true }, "SecretList", "ARN"],
    taskDefinitions: ["ecs", "list_task_definitions", { status: "ACTIVE" }, "taskDefinitionArns", ""],
    jobDefinitions: ["batch", "describe_job_definitions", { status: "ACTIVE" }, "jobDefinitions", "jobDefinitionArn"],
    jobQueues: ["batch", "describe_job_queues", {}, "jobQueues", "jobQueueArn"],
    computeEnvironments: ["batch", "describe_compute_environments", {}, "computeEnvironments", "computeEnvironmentArn"],
    launchTemplates: ["ec2", "describe_launch_templates", {}, "LaunchTemplates", "LaunchTemplateId"],
    roles: ["iam", "list_roles", {}, "Roles", "RoleName"],
    instanceProfiles: ["iam", "list_instance_profiles", {}, "InstanceProfiles", "InstanceProfileName"],
    logGroups: ["logs", "describe_log_groups", {}, "logGroups", "logGroupName"],
    parameters: ["ssm", "describe_parameters", {}, "Parameters", "Name"],
    fileSystems: ["efs", "describe_file_systems", {}, "FileSystems", "FileSystemId"],
  };

const LIST_SCRIPT = `
import json, sys, botocore.session
session = botocore.session.get_session()
found = {}
for kind, (service, operation, params, key, name) in json.loads(sys.argv[1]).items():
    answer = getattr(session.create_client(service), operation)(**params)
    found[kind] = [item[name] if name else item for item in answer[key] if "DeletedDate" not in item]
print(json.dumps(found))`;

/**
 * What each of the list calls finds in the emulator now, the emulator's own Batch service role and AWS's public
 * parameters (`/aws/service/...`, which moto lists once a stack has read one) aside.
 */
export function leftovers(emulator: Emulator): Record<string, string[]> {
  const result = emulator.run("python3", ["-c", LIST_SCRIPT, JSON.stringify(RESOURCE_LISTS)]);
  if (result.status !== 0) throw new Error(`listing the emulator's resources failed:\n${result.stderr}`);
  const found: Record<string, string[]> = JSON.parse(result.stdout);
  return {
    ...found,
    roles: found.roles.filter((name) => name !== "emulator-batch-service-role"),
    parameters: found.parameters.filter((name) => !name.startsWith("/aws/service/")),
  };
}

/** What `leftovers` finds once every stack is destroyed: nothing of any kind. */
export const NOTHING_LEFT = Object.fromEntries(Object.keys(RESOURCE_LISTS).map((kind) => [kind, []]));

/** For each stack, whether `cdktf diff` says there is nothing to change. */
export function unchanged(
  project: CdktfProject,
  emulator: Emulator,
  stacks: string[],
  vars: Record<string, string>,
): Record<string, boolean> {
  return Object.fromEntries(
    stacks.map((stack) => {
      const diff = project.cdktf(emulator, ["diff", stack, "--skip-synth", "--skip-provider-lock"], vars);
      return [stack, /No changes\. Your infrastructure matches the configuration\./.test(diff)];
    }),
  );
}

/**
 * The stacks in the order the cdktf CLI reported them done (`Apply complete!` or `Destroy complete!`): its output
 * comes in chunks between progress lines ("1 Stack deploying ..."), each chunk starting with its stack's name.
 */
export function completionOrder(output: string, stacks: string[]): (string | undefined)[] {
  return output
    .split(/\n[ \t]*\d+ Stacks? (?:deploying|destroying)[^\n]*\n/)
    .filter((chunk) => /(Apply|Destroy) complete!/.test(chunk))
    .map((chunk) => stacks.find((stack) => chunk.trimStart().startsWith(`${stack} `)));
}

/** What a deployed job queue's first compute environment boots its instances with, read back from the emulator. */
export interface DeployedBoot {
  readonly queue: any;
  /** The launch template version the compute environment names, and the template's latest version number. */
  readonly version: string;
  readonly latestVersion: number;
  readonly templateData: any;
  readonly mime: { contentType: string; parts: MimePart[] };
  /** The boot script as an instance gets it: out of the MIME document's cloud-config. */
  readonly script: string;
}

export function deployedBoot(emulator: Emulator, queueArn: string): DeployedBoot {
  const [queue] = emulator.aws("batch", "describe-job-queues", "--job-queues", queueArn).jobQueues;
  const [ce] = emulator.aws(
    "batch",
    "describe-compute-environments",
    "--compute-environments",
    queue.computeEnvironmentOrder[0].computeEnvironment,
  ).computeEnvironments;
  const { launchTemplateId, version } = ce.computeResources.launchTemplate;
  const [template] = emulator.aws(
    "ec2",
    "describe-launch-templates",
    "--launch-template-ids",
    launchTemplateId,
  ).LaunchTemplates;
  const [named] = emulator.aws(
    "ec2",
    "describe-launch-template-versions",
    "--launch-template-id",
    launchTemplateId,
    "--versions",
    version,
  ).LaunchTemplateVersions;
  const mime = parseMime(Buffer.from(named.LaunchTemplateData.UserData, "base64").toString());
  const script = parseYaml(mime.parts.find((p) => p.contentType === "text/cloud-config")!.payload).write_files[0]
    .content;
  return {
    queue,
    version,
    latestVersion: template.LatestVersionNumber,
    templateData: named.LaunchTemplateData,
    mime,
    script,
  };
}
