import type { ContainerBaseOptions, ContainerDependency, FirelensConfig } from "../container-options";
import type { EnvironmentFile } from "./environment-file";
import type { PortMapping } from "./port-mapping";

/** A command ECS runs in the container to tell whether it is healthy. */
export interface HealthCheck {
  /**
   * The command: `["CMD", "curl", "-f", "http://localhost/"]` runs it directly, `["CMD-SHELL", "curl -f ..."]`
   * through the container's shell. Exit code 0 means healthy.
   */
  readonly command: string[];
  /**
   * Seconds between checks, 5 to 300.
   * @default 30
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds a check may take before it counts as failed, 2 to 60.
   * @default 5
   */
  readonly timeoutSeconds?: number;
  /**
   * Failed checks in a row before the container is unhealthy, 1 to 10.
   * @default 3
   */
  readonly retries?: number;
  /**
   * Seconds after start during which failed checks do not count, 0 to 300.
   * @default - none
   */
  readonly startPeriodSeconds?: number;
}

/** Whether ECS restarts a container that exits, instead of stopping the task. */
export interface RestartPolicy {
  /** Restart the container when it exits. */
  readonly enabled: boolean;
  /**
   * Exit codes that do not restart it (at most 50).
   * @default - none
   */
  readonly ignoredExitCodes?: number[];
  /**
   * Seconds the container must have run before it may be restarted, 60 to 1800.
   * @default 300
   */
  readonly restartAttemptPeriodSeconds?: number;
}

/** A namespaced kernel parameter of the container (`sysctl`). */
export interface SystemControl {
  /** The parameter (the API's `namespace`), e.g. `net.ipv4.tcp_keepalive_time`. */
  readonly name: string;
  /** Its value. */
  readonly value: string;
}

/** A line of the container's `/etc/hosts`. */
export interface HostEntry {
  /** The host name. */
  readonly hostname: string;
  /** Its IP address. */
  readonly ipAddress: string;
}

/** Volumes of another container of the task, mounted into this one. */
export interface VolumeFrom {
  /** The other container's name. */
  readonly sourceContainer: string;
  /**
   * Mount them read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** Whether ECS resolves an image tag to a digest once, so every task of a deployment runs the same image. */
export enum VersionConsistency {
  ENABLED = "enabled",
  DISABLED = "disabled",
}

/** A container of `ecs.TaskDefinition.addContainer`. */
export interface ContainerOptions extends ContainerBaseOptions {
  /**
   * Whether the task stops when this container stops.
   * @default true
   */
  readonly essential?: boolean;
  /**
   * Hard memory limit in MiB.
   * @default - none (the task's memory)
   */
  readonly memoryMiB?: number;
  /**
   * Soft memory reservation in MiB.
   * @default - none
   */
  readonly memoryReservationMiB?: number;
  /**
   * CPU units reserved for the container.
   * @default - none (shares the task's)
   */
  readonly cpu?: number;
  /**
   * Ports the container exposes.
   * @default - none
   */
  readonly portMappings?: PortMapping[];
  /**
   * The entry point.
   * @default - the image's ENTRYPOINT
   */
  readonly entryPoint?: string[];
  /**
   * The working directory.
   * @default - the image's WORKDIR
   */
  readonly workingDirectory?: string;
  /**
   * Files of `NAME=value` lines in S3 added to the environment (at most ten); the execution role is granted read.
   * @default - none
   */
  readonly environmentFiles?: EnvironmentFile[];
  /**
   * How ECS checks the container's health.
   * @default - no health check
   */
  readonly healthCheck?: HealthCheck;
  /**
   * Containers of the task this one waits for.
   * @default - none
   */
  readonly dependsOn?: ContainerDependency[];
  /**
   * Volumes of other containers mounted into this one.
   * @default - none
   */
  readonly volumesFrom?: VolumeFrom[];
  /**
   * Seconds ECS waits for the container's dependencies before giving up (Fargate: 2 to 120).
   * @default - ECS's default
   */
  readonly startTimeoutSeconds?: number;
  /**
   * Seconds between SIGTERM and SIGKILL when the container is stopped (Fargate: 2 to 120).
   * @default 30
   */
  readonly stopTimeoutSeconds?: number;
  /**
   * Restart the container in place when it exits.
   * @default - no restarts
   */
  readonly restartPolicy?: RestartPolicy;
  /**
   * Whether a tag is resolved to a digest once per deployment.
   * @default VersionConsistency.ENABLED (ECS's default)
   */
  readonly versionConsistency?: VersionConsistency;
  /**
   * Namespaced kernel parameters.
   * @default - none
   */
  readonly systemControls?: SystemControl[];
  /**
   * Extra `/etc/hosts` lines; not with `awsvpc` networking or on Windows.
   * @default - none
   */
  readonly extraHosts?: HostEntry[];
  /**
   * DNS servers; not on Windows.
   * @default - the instance's
   */
  readonly dnsServers?: string[];
  /**
   * DNS search domains; not on Windows.
   * @default - the instance's
   */
  readonly dnsSearchDomains?: string[];
  /**
   * The container's host name; not with `awsvpc` networking.
   * @default - Docker's (the container id)
   */
  readonly hostname?: string;
  /**
   * Keep stdin open (`docker run -i`).
   * @default false
   */
  readonly interactive?: boolean;
  /**
   * Allocate a TTY (`docker run -t`).
   * @default false
   */
  readonly pseudoTerminal?: boolean;
  /**
   * Other containers this one reaches by name (`bridge` networking only; not on Windows).
   * @default - none
   */
  readonly links?: string[];
  /**
   * Credential specs for Active Directory (gMSA): `credentialspec:<ARN of an S3 object or SSM parameter>`.
   * @default - none
   */
  readonly credentialSpecs?: string[];
  /**
   * Turn networking off inside the container; not on Windows.
   * @default false
   */
  readonly disableNetworking?: boolean;
  /**
   * SELinux and AppArmor labels (`label:...`, `apparmor:...`, `no-new-privileges`); not on Fargate.
   * @default - none
   */
  readonly dockerSecurityOptions?: string[];
  /**
   * Docker labels of the container.
   * @default - none
   */
  readonly dockerLabels?: { [key: string]: string };
  /**
   * Make this container the task's FireLens log router (one per task).
   * @default - not a log router
   */
  readonly firelensConfig?: FirelensConfig;
}
