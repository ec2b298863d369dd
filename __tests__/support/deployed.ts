import * as fs from "fs";
import { CdktfProject } from "./cdktf-project";
import { Emulator } from "./emulator";

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
  const securityGroupId = emulator.aws("ec2", "create-security-group", "--vpc-id", vpc, "--group-name", "batch", "--description", "Batch instances").GroupId;
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
 */
export function emulatorGaps(emulator: Emulator, project: CdktfProject): void {
  let serviceRole: string | undefined;
  for (const stack of fs.readdirSync(`${project.dir}/cdktf.out/stacks`)) {
    const config = project.config(stack);
    const override: any = {};
    for (const name of Object.keys(config.resource.aws_batch_compute_environment ?? {})) {
      serviceRole ??= emulator.aws("iam", "create-role", "--role-name", "emulator-batch-service-role",
        "--assume-role-policy-document", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "batch.amazonaws.com" } }] })).Role.Arn;
      // moto also drops `updatePolicy` (AWS returns it from DescribeComputeEnvironments, botocore's model has it in
      // ComputeEnvironmentDetail), so the provider reads no block back and would plan to add ours on every diff.
      ((override.resource ??= {}).aws_batch_compute_environment ??= {})[name] = { service_role: serviceRole, lifecycle: { ignore_changes: ["update_policy"] } };
    }
    for (const [name, job] of Object.entries<any>(config.resource.aws_batch_job_definition ?? {})) {
      if (job.ecs_properties === undefined) continue;
      ((override.resource ??= {}).aws_batch_job_definition ??= {})[name] = { count: 0 };
      for (const [output, value] of Object.entries<any>(config.output ?? {})) {
        if (JSON.stringify(value).includes(`aws_batch_job_definition.${name}.`)) (override.output ??= {})[output] = { value: "not deployed: the emulator has no ecsProperties" };
      }
    }
    if (Object.keys(override).length > 0) project.override(stack, "emulator", override);
  }
}

/** The AWS CLI calls that list what our stacks create, each mapped to the names or ARNs it returns. */
export const RESOURCE_LISTS: Record<string, (emulator: Emulator) => string[]> = {
  secrets: (e) => e.aws("secretsmanager", "list-secrets").SecretList.map((s: any) => s.ARN),
  taskDefinitions: (e) => e.aws("ecs", "list-task-definitions", "--status", "ACTIVE").taskDefinitionArns,
  jobDefinitions: (e) => e.aws("batch", "describe-job-definitions", "--status", "ACTIVE").jobDefinitions.map((j: any) => j.jobDefinitionArn),
  jobQueues: (e) => e.aws("batch", "describe-job-queues").jobQueues.map((q: any) => q.jobQueueArn),
  computeEnvironments: (e) => e.aws("batch", "describe-compute-environments").computeEnvironments.map((c: any) => c.computeEnvironmentArn),
  launchTemplates: (e) => e.aws("ec2", "describe-launch-templates").LaunchTemplates.map((t: any) => t.LaunchTemplateId),
  // The emulator's own service role (emulatorGaps) is the test's, not the stacks'.
  roles: (e) => e.aws("iam", "list-roles").Roles.map((r: any) => r.RoleName).filter((n: string) => n !== "emulator-batch-service-role"),
  instanceProfiles: (e) => e.aws("iam", "list-instance-profiles").InstanceProfiles.map((p: any) => p.InstanceProfileName),
  logGroups: (e) => e.aws("logs", "describe-log-groups").logGroups.map((g: any) => g.logGroupName),
  parameters: (e) => e.aws("ssm", "describe-parameters").Parameters.map((p: any) => p.Name),
  fileSystems: (e) => e.aws("efs", "describe-file-systems").FileSystems.map((f: any) => f.FileSystemId),
};

/** What each of `RESOURCE_LISTS` finds in the emulator now. */
export function leftovers(emulator: Emulator): Record<string, string[]> {
  return Object.fromEntries(Object.entries(RESOURCE_LISTS).map(([kind, list]) => [kind, list(emulator)]));
}
