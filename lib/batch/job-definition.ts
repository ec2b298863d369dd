import { Construct } from "constructs";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { Token } from "cdktf";
import { ContainerImage } from "../container-image";
import { LogDriver } from "../log-driver";
import type { IRole } from "../role";
import { renderContainerProperties } from "../private/container-properties";
import { executionRoleFor } from "../private/execution-role";
import { constructFail, Fail } from "../private/fail";
import { checkFargateSize } from "../private/fargate-sizes";
import { jsonDocument } from "../private/json-document";
import { checkName, defaultName } from "../private/names";
import { checkEnvironment, checkTags } from "../private/aws-values";

/** Where a Batch job runs. */
export enum Platform {
  /** EC2 or Spot instances of a managed compute environment. */
  EC2 = "EC2",
  /** Fargate; registry credentials need platform version 1.2.0 or later. */
  FARGATE = "FARGATE",
}

/** Props of `batch.JobDefinition`. */
export interface JobDefinitionProps {
  /** Where the job runs. */
  readonly platform: Platform;
  /** The job's image; with credentials, Batch pulls it through `repositoryCredentials`. */
  readonly image: ContainerImage;
  /**
   * Job definition name (1-128 letters, digits, '-' or '_').
   * @default - the construct path below the stack, e.g. "Batch-Job"
   */
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
  /**
   * The command.
   * @default - the image's CMD
   */
  readonly command?: string[];
  /**
   * Plain environment variables, visible in the job definition; never secrets.
   * @default - none
   */
  readonly environment?: { [name: string]: string };
  /**
   * ARN of the role the job's code runs as.
   * @default - none
   */
  readonly jobRoleArn?: string;
  /**
   * Role ECS uses to pull the image and read its registry secret. A given role only gains the secret grant.
   * @default - a new role trusting `ecs-tasks.amazonaws.com` with `AmazonECSTaskExecutionRolePolicy`
   */
  readonly executionRole?: IRole;
  /**
   * Let ECS assume the execution role this construct creates only on behalf of this stack's account: its trust
   * policy gets `aws:SourceAccount` = the account of the provider's credentials (AWS's confused-deputy guard for
   * service roles). Costs one STS call (`aws_caller_identity`) at plan. Not with `executionRole`: a given role's
   * trust policy is its owner's.
   * @default false
   */
  readonly sourceAccountCondition?: boolean;
  /**
   * Attempts, 1 to 10.
   * @default - Batch's default, 1
   */
  readonly retryAttempts?: number;
  /**
   * Seconds after which an attempt is stopped, at least 60.
   * @default - no timeout
   */
  readonly timeoutSeconds?: number;
  /**
   * Fargate only: `LATEST` or a version ≥ 1.2.0 (private-registry credentials need 1.2.0).
   * @default "LATEST"
   */
  readonly fargatePlatformVersion?: string;
  /**
   * Fargate only: give the task a public IP (needed in public subnets without NAT to reach the registry).
   * @default false
   */
  readonly assignPublicIp?: boolean;
  /**
   * Where the job's output goes.
   * @default - Batch's default (awslogs to /aws/batch/job)
   */
  readonly logging?: LogDriver;
  /**
   * Tags of the job definition.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * An AWS Batch container job definition whose image may come from a private registry, using Batch's native
 * `repositoryCredentials` (EC2 and Fargate).
 */
export class JobDefinition extends Construct {
  /** The `aws_batch_job_definition`. */
  public readonly resource: BatchJobDefinition;
  /** The execution role, given or created. */
  public readonly executionRole: IRole;
  private readonly fail: Fail;

  constructor(scope: Construct, id: string, props: JobDefinitionProps) {
    super(scope, id);
    this.fail = constructFail(this, "batch.JobDefinition");
    const name = props.name ?? defaultName(this, 128);
    const fargate = props.platform === Platform.FARGATE;
    const vcpus = props.vcpus ?? 1;
    const memoryMiB = props.memoryMiB ?? 2048;
    checkName(this.fail, "name", name, 128);
    checkTags(this.fail, props.tags);
    checkEnvironment(this.fail, "environment", props.environment);
    if (fargate) {
      checkFargateSize(this.fail, "vcpus", vcpus, memoryMiB);
      checkPlatformVersion(this.fail, props.fargatePlatformVersion ?? "LATEST");
    } else {
      if (!Token.isUnresolved(vcpus) && (!Number.isInteger(vcpus) || vcpus < 1)) throw this.fail(`vcpus ${vcpus} is not a whole number of at least 1`, "EC2 jobs take whole vCPUs");
      if (!Token.isUnresolved(memoryMiB) && (!Number.isInteger(memoryMiB) || memoryMiB < 4)) throw this.fail(`memoryMiB ${memoryMiB} is below 4 MiB or fractional`, "give memory as whole MiB, at least 4");
      if (props.fargatePlatformVersion !== undefined || props.assignPublicIp !== undefined) {
        throw this.fail("fargatePlatformVersion and assignPublicIp apply only to Fargate", "remove them, or use platform: batch.Platform.FARGATE");
      }
    }
    const attempts = props.retryAttempts;
    if (attempts !== undefined && !Token.isUnresolved(attempts) && (!Number.isInteger(attempts) || attempts < 1 || attempts > 10)) {
      throw this.fail(`retryAttempts ${attempts} is outside 1-10`, "use a whole number from 1 to 10");
    }
    if (props.timeoutSeconds !== undefined && !Token.isUnresolved(props.timeoutSeconds) && (!Number.isInteger(props.timeoutSeconds) || props.timeoutSeconds < 60)) {
      throw this.fail(`timeoutSeconds ${props.timeoutSeconds} is below Batch's minimum of 60`, "use at least 60 seconds");
    }
    const reserved = Object.keys(props.environment ?? {}).filter((k) => k.startsWith("AWS_BATCH"));
    if (reserved.length > 0) throw this.fail(`environment variables ${reserved.join(", ")} use the reserved AWS_BATCH prefix`, "rename them");

    this.executionRole = executionRoleFor(this, this.fail, props);
    const image = props.image._bind(this, this.executionRole);
    const containerProperties = renderContainerProperties({
      image: image.imageName,
      credentialsParameter: image.credentialsParameter,
      vcpus,
      memoryMiB,
      executionRoleArn: this.executionRole.arn,
      jobRoleArn: props.jobRoleArn,
      command: props.command,
      environment: props.environment,
      fargate: fargate ? { platformVersion: props.fargatePlatformVersion ?? "LATEST", assignPublicIp: props.assignPublicIp ?? false } : undefined,
      logConfiguration: props.logging?.bind(this),
    });
    this.resource = new BatchJobDefinition(this, "Resource", {
      name,
      type: "container",
      platformCapabilities: [props.platform],
      containerProperties: jsonDocument(containerProperties),
      retryStrategy: attempts !== undefined ? { attempts } : undefined,
      timeout: props.timeoutSeconds !== undefined ? { attemptDurationSeconds: props.timeoutSeconds } : undefined,
      tags: props.tags,
    });
  }

  /** The job definition's ARN, with revision. */
  public get arn(): string {
    return this.resource.arn;
  }
}

function checkPlatformVersion(fail: Fail, version: string): void {
  if (version === "LATEST" || Token.isUnresolved(version)) return;
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  const ok = match && (Number(match[1]) > 1 || (Number(match[1]) === 1 && Number(match[2]) >= 2));
  if (!ok) {
    throw fail(`fargatePlatformVersion "${version}" cannot pull with registry credentials (needs 1.2.0 or later)`, "use \"LATEST\" or a version such as \"1.4.0\"");
  }
}
