import { Construct } from "constructs";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { ContainerImage } from "../container-image";
import { fargateMemoryOptions, describeFargateMemory } from "../ecs/fargate-sizes";
import { LogDriver } from "../ecs/log-driver";
import { bindCredentials } from "../private/bind-credentials";
import { configError } from "../private/errors";
import { createExecutionRole } from "../private/execution-role";
import { defaultName } from "../private/names";
import { RoleLike } from "../secret-read-policy";
import { renderContainerProperties } from "./container-properties";

/** Where a Batch job runs. */
export enum Platform {
  EC2 = "EC2",
  FARGATE = "FARGATE",
}

export interface JobDefinitionProps {
  readonly platform: Platform;
  /** The job's image; with credentials, Batch pulls it through `repositoryCredentials`. */
  readonly image: ContainerImage;
  /** @default - the construct path below the stack, e.g. "Batch-Job" */
  readonly name?: string;
  /**
   * vCPUs. EC2: a whole number ≥ 1. Fargate: 0.25, 0.5, 1, 2, 4, 8 or 16.
   * @default 1
   */
  readonly vcpus?: number;
  /**
   * Memory in MiB. On Fargate it must fit the vCPU value (the Fargate task size table).
   * @default 2048
   */
  readonly memoryMiB?: number;
  /** @default - the image's CMD */
  readonly command?: string[];
  /** Plain environment variables, visible in the job definition; never secrets. @default - none */
  readonly environment?: { [name: string]: string };
  /** Role the job's code runs as. @default - none */
  readonly jobRoleArn?: string;
  /**
   * Role ECS uses to pull the image and read its registry secret. A given role only gains the secret grant.
   * @default - a new role trusting `ecs-tasks.amazonaws.com` with `AmazonECSTaskExecutionRolePolicy`
   */
  readonly executionRole?: RoleLike;
  /** Attempts, 1 to 10. @default - Batch's default, 1 */
  readonly retryAttempts?: number;
  /** Seconds after which an attempt is stopped, at least 60. @default - no timeout */
  readonly timeoutSeconds?: number;
  /** Fargate only: `LATEST` or a version ≥ 1.2.0 (private-registry credentials need 1.2.0). @default "LATEST" */
  readonly fargatePlatformVersion?: string;
  /** Fargate only: give the task a public IP (needed in public subnets without NAT to reach the registry). @default false */
  readonly assignPublicIp?: boolean;
  /** @default - Batch's default (awslogs to /aws/batch/job) */
  readonly logging?: LogDriver;
  /** @default - none */
  readonly tags?: { [key: string]: string };
}

const NAME = /^[A-Za-z0-9_-]{1,128}$/;
const FARGATE_VCPUS = [0.25, 0.5, 1, 2, 4, 8, 16];

/**
 * An AWS Batch container job definition whose image may come from a private registry, using Batch's native
 * `repositoryCredentials` (EC2 and Fargate).
 */
export class JobDefinition extends Construct {
  /** The `aws_batch_job_definition`. */
  public readonly resource: BatchJobDefinition;
  /** The execution role, given or created. */
  public readonly executionRole: RoleLike;

  constructor(scope: Construct, id: string, props: JobDefinitionProps) {
    super(scope, id);
    const name = props.name ?? defaultName(this, 128);
    const fargate = props.platform === Platform.FARGATE;
    const vcpus = props.vcpus ?? 1;
    const memoryMiB = props.memoryMiB ?? 2048;
    if (!NAME.test(name)) throw this.error(`name "${name}" is invalid`, "use 1-128 letters, digits, '-' or '_'");
    if (fargate) {
      if (!FARGATE_VCPUS.includes(vcpus)) throw this.error(`Fargate has no ${vcpus} vCPU size`, `use one of ${FARGATE_VCPUS.join(", ")}`);
      if (!fargateMemoryOptions(vcpus * 1024)!.includes(memoryMiB)) {
        throw this.error(`Fargate does not accept ${memoryMiB} MiB with ${vcpus} vCPU`, `use memoryMiB ${describeFargateMemory(vcpus * 1024)}, or another vcpus`);
      }
      checkPlatformVersion(this, props.fargatePlatformVersion ?? "LATEST");
    } else {
      if (!Number.isInteger(vcpus) || vcpus < 1) throw this.error(`vcpus ${vcpus} is not a whole number of at least 1`, "EC2 jobs take whole vCPUs");
      if (!Number.isInteger(memoryMiB) || memoryMiB < 4) throw this.error(`memoryMiB ${memoryMiB} is below 4 MiB or fractional`, "give memory as whole MiB, at least 4");
      if (props.fargatePlatformVersion !== undefined || props.assignPublicIp !== undefined) {
        throw this.error("fargatePlatformVersion and assignPublicIp apply only to Fargate", "remove them, or use platform: batch.Platform.FARGATE");
      }
    }
    const attempts = props.retryAttempts;
    if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1 || attempts > 10)) {
      throw this.error(`retryAttempts ${attempts} is outside 1-10`, "use a whole number from 1 to 10");
    }
    if (props.timeoutSeconds !== undefined && (!Number.isInteger(props.timeoutSeconds) || props.timeoutSeconds < 60)) {
      throw this.error(`timeoutSeconds ${props.timeoutSeconds} is below Batch's minimum of 60`, "use at least 60 seconds");
    }
    const reserved = Object.keys(props.environment ?? {}).filter((k) => k.startsWith("AWS_BATCH"));
    if (reserved.length > 0) throw this.error(`environment variables ${reserved.join(", ")} use the reserved AWS_BATCH prefix`, "rename them");

    this.executionRole = props.executionRole ?? createExecutionRole(this, "ExecutionRole");
    const credentials = props.image.credentials;
    if (credentials) bindCredentials(this, this.executionRole, credentials);

    const containerProperties = renderContainerProperties({
      image: props.image.imageName,
      credentialsParameter: credentials?.secretArn,
      vcpus,
      memoryMiB,
      executionRoleArn: this.executionRole.arn,
      jobRoleArn: props.jobRoleArn,
      command: props.command,
      environment: props.environment,
      fargate: fargate ? { platformVersion: props.fargatePlatformVersion ?? "LATEST", assignPublicIp: props.assignPublicIp ?? false } : undefined,
      logConfiguration: props.logging?._bind(this),
    });
    this.resource = new BatchJobDefinition(this, "Resource", {
      name,
      type: "container",
      platformCapabilities: [props.platform],
      containerProperties: JSON.stringify(containerProperties),
      retryStrategy: attempts !== undefined ? { attempts } : undefined,
      timeout: props.timeoutSeconds !== undefined ? { attemptDurationSeconds: props.timeoutSeconds } : undefined,
      tags: props.tags,
    });
  }

  /** The job definition's ARN, with revision. */
  public get arn(): string {
    return this.resource.arn;
  }

  private error(problem: string, fix: string): Error {
    return configError(`batch.JobDefinition ${this.node.path}`, problem, fix);
  }
}

function checkPlatformVersion(job: JobDefinition, version: string): void {
  if (version === "LATEST") return;
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  const ok = match && (Number(match[1]) > 1 || (Number(match[1]) === 1 && Number(match[2]) >= 2));
  if (!ok) {
    throw configError(`batch.JobDefinition ${job.node.path}`, `Fargate platform version "${version}" cannot pull with registry credentials (needs 1.2.0 or later)`, "use \"LATEST\" or a version such as \"1.4.0\"");
  }
}
