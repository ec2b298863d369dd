import type { ContainerBaseOptions, ContainerDependency, FirelensConfig } from "../container-options";
import type { CpuArchitecture } from "../task-platform";
import type { IRole } from "../role";
import type { Volume } from "../volume";

/** Where a Batch job runs. */
export enum Platform {
  /** EC2 or Spot instances of a managed compute environment. */
  EC2 = "EC2",
  /** Fargate; registry credentials need platform version 1.2.0 or later. */
  FARGATE = "FARGATE",
}

/** What Batch does when an attempt ends in a way a `RetryCondition` matches. */
export enum RetryAction {
  /** Try again (within `retryAttempts`). */
  RETRY = "RETRY",
  /** Fail the job now. */
  EXIT = "EXIT",
}

/**
 * When to retry or give up (Batch's `evaluateOnExit`). Patterns may end in `*`; every pattern given must match. The
 * first matching condition decides.
 */
export interface RetryCondition {
  /** What to do. */
  readonly action: RetryAction;
  /**
   * Exit code pattern, digits with an optional trailing `*`.
   * @default - any
   */
  readonly onExitCode?: string;
  /**
   * Pattern of the container's reason, e.g. `CannotPullContainerError*`.
   * @default - any
   */
  readonly onReason?: string;
  /**
   * Pattern of the job's status reason, e.g. `Host EC2*`.
   * @default - any
   */
  readonly onStatusReason?: string;
}

/** What every Batch job definition takes, whatever its containers. */
export interface JobDefinitionBaseProps {
  /** Where the job runs. */
  readonly platform: Platform;
  /**
   * Job definition name (1-128 letters, digits, '-' or '_').
   * @default - the construct path below the stack, e.g. "Batch-Job"
   */
  readonly name?: string;
  /**
   * ARN of the role the job's code runs as. Not with `jobRole`.
   * @default - none
   */
  readonly jobRoleArn?: string;
  /**
   * The role the job's code runs as. Not with `jobRoleArn`.
   * @default - none
   */
  readonly jobRole?: IRole;
  /**
   * Role ECS uses to pull the images and read their secrets. A given role only gains the grants.
   * @default - a new role trusting `ecs-tasks.amazonaws.com` with `AmazonECSTaskExecutionRolePolicy`; on EC2
   * only when something is granted to it (registry credentials, secrets), since the instance role pulls and logs
   */
  readonly executionRole?: IRole;
  /**
   * Let ECS assume the execution role this construct creates only on behalf of this stack's account: its trust
   * policy gets `aws:SourceAccount` = the account of the provider's credentials (AWS's confused-deputy guard for
   * service roles). Costs one STS call (`aws_caller_identity`) at plan, when the role is created. Not with
   * `executionRole`: a given role's trust policy is its owner's.
   * @default false
   */
  readonly sourceAccountCondition?: boolean;
  /**
   * Attempts, 1 to 10.
   * @default - Batch's default, 1
   */
  readonly retryAttempts?: number;
  /**
   * When to retry and when to give up (at most 5); needs `retryAttempts`.
   * @default - every failure is retried while attempts remain
   */
  readonly retryConditions?: RetryCondition[];
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
   * Fargate only: ephemeral storage in GiB, 21 to 200.
   * @default - 20 GiB
   */
  readonly ephemeralStorageGiB?: number;
  /**
   * Fargate only: the CPU architecture.
   * @default - X86_64
   */
  readonly cpuArchitecture?: CpuArchitecture;
  /**
   * Volumes the containers mount: a host directory (EC2), EFS, or none (scratch space).
   * @default - none
   */
  readonly volumes?: Volume[];
  /**
   * Allow `ecs execute-command` into the job's containers (the job role needs the SSM permissions).
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Default values of `Ref::<name>` placeholders in the command, which `SubmitJob` may override.
   * @default - none
   */
  readonly parameters?: { [name: string]: string };
  /**
   * Copy the job's and job definition's tags to its ECS task.
   * @default false
   */
  readonly propagateTags?: boolean;
  /**
   * Scheduling priority, 0 to 9999, for queues with a fair-share scheduling policy.
   * @default - none
   */
  readonly schedulingPriority?: number;
  /**
   * Tags of the job definition.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** A container of `batch.MultiContainerJobDefinition.addContainer`. */
export interface TaskContainerOptions extends ContainerBaseOptions {
  /** vCPUs of this container; on Fargate the job's containers together must make a Fargate size. */
  readonly vcpus: number;
  /** Memory of this container in MiB. */
  readonly memoryMiB: number;
  /**
   * Whether the job stops when this container stops.
   * @default true
   */
  readonly essential?: boolean;
  /**
   * Containers of the job this one waits for.
   * @default - none
   */
  readonly dependsOn?: ContainerDependency[];
  /**
   * Make this container the job's FireLens log router (one per job).
   * @default - not a log router
   */
  readonly firelensConfig?: FirelensConfig;
  /**
   * Seconds to wait for dependencies, 2 or more (Fargate: at most 120).
   * @default - ECS's default
   */
  readonly startTimeoutSeconds?: number;
  /**
   * Seconds between SIGTERM and SIGKILL, 2 or more (Fargate: at most 120).
   * @default 30
   */
  readonly stopTimeoutSeconds?: number;
}
