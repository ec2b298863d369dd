import { Construct } from "constructs";
import { Annotations, Token } from "cdktf";
import type { BatchJobDefinitionConfig } from "@cdktf/provider-aws/lib/batch-job-definition";
import { Platform, type JobDefinitionBaseProps } from "../batch/job-options";
import type { IRole } from "../role";
import { checkEnvironment, checkTags, checkRoleArn } from "./aws-values";
import { dropUndefined } from "./container-definition";
import { JobExecutionRole } from "./execution-role";
import { Fail } from "./fail";
import { checkName, defaultName } from "./names";
import { checkNumber } from "./numbers";
import { them } from "./container-checks";
import { literalArgument } from "./terraform-expression";
import { checkVolumes, renderBatchVolumes } from "./volumes";

/** What the job-level checks established, for the containers to be checked against. */
export interface JobBase {
  readonly name: string;
  readonly fargate: boolean;
  readonly executionRole: JobExecutionRole;
  readonly volumes: ReadonlySet<string>;
}

const PATTERN = /^[^\n]{1,512}$/;

/** Checks what every job definition takes, and gives it its execution role (on EC2, made when first needed). */
export function bindJobBase(scope: Construct, fail: Fail, props: JobDefinitionBaseProps): JobBase {
  const name = props.name ?? defaultName(scope, 128);
  const fargate = props.platform === Platform.FARGATE;
  checkName(fail, "name", name, 128);
  checkTags(fail, props.tags);
  if (fargate) checkPlatformVersion(scope, fail, props.fargatePlatformVersion ?? "LATEST");
  else {
    const fargateOnly = (
      ["fargatePlatformVersion", "assignPublicIp", "ephemeralStorageGiB", "cpuArchitecture"] as const
    ).filter((k) => props[k] !== undefined);
    if (fargateOnly.length > 0)
      throw fail(
        `${fargateOnly.join(", ")} ${fargateOnly.length === 1 ? "applies" : "apply"} only to Fargate`,
        `${them(fargateOnly)}, or use platform: batch.Platform.FARGATE`,
      );
  }
  checkNumber(fail, "retryAttempts", props.retryAttempts, { min: 1, max: 10 });
  checkNumber(fail, "timeoutSeconds", props.timeoutSeconds, { min: 60 });
  checkNumber(fail, "ephemeralStorageGiB", props.ephemeralStorageGiB, { min: 21, max: 200 });
  checkNumber(fail, "schedulingPriority", props.schedulingPriority, { min: 0, max: 9999 });
  const conditions = props.retryConditions ?? [];
  if (conditions.length > 5)
    throw fail(`retryConditions has ${conditions.length} entries`, "use at most 5, as Batch allows");
  if (conditions.length > 0 && props.retryAttempts === undefined)
    throw fail("retryConditions are given without retryAttempts", "set retryAttempts (2 or more for RETRY to retry)");
  conditions.forEach((c, i) => {
    for (const key of ["onExitCode", "onReason", "onStatusReason"] as const) {
      const value = c[key];
      if (value !== undefined && !Token.isUnresolved(value) && !PATTERN.test(value))
        throw fail(
          `retryConditions[${i}].${key} is not a pattern of 1-512 characters on one line`,
          "shorten it; end it in * to match a prefix",
        );
    }
    if (c.onExitCode !== undefined && !Token.isUnresolved(c.onExitCode) && !/^\d+\*?$|^\*$/.test(c.onExitCode)) {
      throw fail(
        `retryConditions[${i}].onExitCode "${c.onExitCode}" is not an exit code pattern`,
        'give digits with an optional trailing *, e.g. "137" or "1*"',
      );
    }
  });
  checkEnvironment(fail, "parameters", props.parameters);
  if (props.jobRole !== undefined && props.jobRoleArn !== undefined)
    throw fail("jobRole and jobRoleArn are both given", "give one of them");
  checkRoleArn(fail, "jobRoleArn", props.jobRoleArn);
  const volumes = checkVolumes(fail, { batch: true, fargate, windows: false }, props.volumes);
  return { name, fargate, executionRole: new JobExecutionRole(scope, fail, props, fargate), volumes };
}

/** The members a job's task shares whatever its containers: roles, volumes, Fargate settings. */
export function renderTaskMembers(
  base: JobBase,
  props: JobDefinitionBaseProps,
  multiContainer: boolean,
  /** The role the job ends up with: an EC2 job has none until a container needs one (`JobExecutionRole`). */
  executionRole: IRole | undefined,
): Record<string, unknown> {
  const fargate = base.fargate;
  const platformVersion = fargate ? (props.fargatePlatformVersion ?? "LATEST") : undefined;
  return dropUndefined({
    executionRoleArn: executionRole?.arn,
    [multiContainer ? "taskRoleArn" : "jobRoleArn"]: props.jobRole?.arn ?? props.jobRoleArn,
    volumes: props.volumes && renderBatchVolumes(props.volumes),
    ...(multiContainer
      ? { platformVersion }
      : { fargatePlatformConfiguration: platformVersion && { platformVersion } }),
    networkConfiguration: fargate ? { assignPublicIp: props.assignPublicIp ? "ENABLED" : "DISABLED" } : undefined,
    ephemeralStorage: props.ephemeralStorageGiB !== undefined ? { sizeInGiB: props.ephemeralStorageGiB } : undefined,
    runtimePlatform:
      props.cpuArchitecture !== undefined
        ? { cpuArchitecture: props.cpuArchitecture, operatingSystemFamily: "LINUX" }
        : undefined,
    enableExecuteCommand: props.enableExecuteCommand,
  });
}

/** The job definition resource's own arguments, besides its type and containers. */
export function jobResourceArgs(
  base: JobBase,
  props: JobDefinitionBaseProps,
): Pick<BatchJobDefinitionConfig, "name"> & Partial<BatchJobDefinitionConfig> {
  const attempts = props.retryAttempts;
  return {
    name: base.name,
    platformCapabilities: [props.platform],
    retryStrategy:
      attempts !== undefined
        ? {
            attempts,
            evaluateOnExit: props.retryConditions?.map((c) => ({
              action: c.action,
              onExitCode: c.onExitCode,
              onReason: c.onReason,
              onStatusReason: c.onStatusReason,
            })),
          }
        : undefined,
    timeout: props.timeoutSeconds !== undefined ? { attemptDurationSeconds: props.timeoutSeconds } : undefined,
    parameters:
      props.parameters && Object.fromEntries(Object.entries(props.parameters).map(([k, v]) => [k, literalArgument(v)])),
    propagateTags: props.propagateTags,
    schedulingPriority: props.schedulingPriority,
    tags: props.tags,
  };
}

// The Linux platform versions Fargate lists (AWS Fargate user guide, "Linux platform versions", checked 2026-11).
const FARGATE_PLATFORM_VERSIONS = ["1.3.0", "1.4.0"];

function checkPlatformVersion(scope: Construct, fail: Fail, version: string): void {
  if (version === "LATEST" || Token.isUnresolved(version)) return;
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  const ok = match && (Number(match[1]) > 1 || (Number(match[1]) === 1 && Number(match[2]) >= 2));
  if (!ok) {
    throw fail(
      `fargatePlatformVersion "${version}" cannot pull with registry credentials (needs 1.2.0 or later)`,
      'use "LATEST" or a version such as "1.4.0"',
    );
  }
  // A warning, not an error: AWS adds platform versions, and a list here would refuse the next one.
  if (!FARGATE_PLATFORM_VERSIONS.includes(version)) {
    Annotations.of(scope).addWarning(
      fail(
        `fargatePlatformVersion "${version}" is not one Fargate lists (${FARGATE_PLATFORM_VERSIONS.join(", ")}); the job definition fails at deploy if it does not exist`,
        'use "LATEST" or a listed version, unless AWS has added this one since',
      ).message,
    );
  }
}
