import type { ContainerImage } from "./container-image";
import type { ContainerSecret } from "./container-secret";
import type { LogDriver } from "./log-driver";

/** A Linux kernel capability, as `linuxParameters` adds or drops it. */
export enum Capability {
  ALL = "ALL",
  AUDIT_CONTROL = "AUDIT_CONTROL",
  AUDIT_WRITE = "AUDIT_WRITE",
  BLOCK_SUSPEND = "BLOCK_SUSPEND",
  CHOWN = "CHOWN",
  DAC_OVERRIDE = "DAC_OVERRIDE",
  DAC_READ_SEARCH = "DAC_READ_SEARCH",
  FOWNER = "FOWNER",
  FSETID = "FSETID",
  IPC_LOCK = "IPC_LOCK",
  IPC_OWNER = "IPC_OWNER",
  KILL = "KILL",
  LEASE = "LEASE",
  LINUX_IMMUTABLE = "LINUX_IMMUTABLE",
  MAC_ADMIN = "MAC_ADMIN",
  MAC_OVERRIDE = "MAC_OVERRIDE",
  MKNOD = "MKNOD",
  NET_ADMIN = "NET_ADMIN",
  NET_BIND_SERVICE = "NET_BIND_SERVICE",
  NET_BROADCAST = "NET_BROADCAST",
  NET_RAW = "NET_RAW",
  SETFCAP = "SETFCAP",
  SETGID = "SETGID",
  SETPCAP = "SETPCAP",
  SETUID = "SETUID",
  SYS_ADMIN = "SYS_ADMIN",
  SYS_BOOT = "SYS_BOOT",
  SYS_CHROOT = "SYS_CHROOT",
  SYS_MODULE = "SYS_MODULE",
  SYS_NICE = "SYS_NICE",
  SYS_PACCT = "SYS_PACCT",
  /** The only capability Fargate lets a task add. */
  SYS_PTRACE = "SYS_PTRACE",
  SYS_RAWIO = "SYS_RAWIO",
  SYS_RESOURCE = "SYS_RESOURCE",
  SYS_TIME = "SYS_TIME",
  SYS_TTY_CONFIG = "SYS_TTY_CONFIG",
  SYSLOG = "SYSLOG",
  WAKE_ALARM = "WAKE_ALARM",
}

/** What a container may do with a host device. */
export enum DevicePermission {
  READ = "read",
  WRITE = "write",
  MKNOD = "mknod",
}

/** A host device exposed to the container (EC2 only). */
export interface Device {
  /** The device on the host, e.g. `/dev/fuse`. */
  readonly hostPath: string;
  /**
   * Where the container sees it.
   * @default - the host path
   */
  readonly containerPath?: string;
  /**
   * What the container may do with it.
   * @default - read, write and mknod
   */
  readonly permissions?: DevicePermission[];
}

/** A tmpfs mount (EC2 only). */
export interface Tmpfs {
  /** Where it is mounted in the container. */
  readonly containerPath: string;
  /** Its size in MiB. */
  readonly sizeMiB: number;
  /**
   * Mount options, such as `rw`, `noexec`, `nosuid`, `mode=1777`.
   * @default - Docker's defaults
   */
  readonly mountOptions?: string[];
}

/** Linux-specific settings of a container (`linuxParameters`); none of them applies to Windows containers. */
export interface LinuxParameters {
  /**
   * Capabilities added to Docker's default set. Fargate adds only `SYS_PTRACE`. Batch jobs take none.
   * @default - none
   */
  readonly addCapabilities?: Capability[];
  /**
   * Capabilities removed from Docker's default set. Batch jobs take none.
   * @default - none
   */
  readonly dropCapabilities?: Capability[];
  /**
   * Host devices exposed to the container; not on Fargate.
   * @default - none
   */
  readonly devices?: Device[];
  /**
   * Run an init process as PID 1 that forwards signals and reaps zombies.
   * @default false
   */
  readonly initProcessEnabled?: boolean;
  /**
   * Size of `/dev/shm` in MiB; not on Fargate.
   * @default - Docker's default, 64 MiB
   */
  readonly sharedMemorySizeMiB?: number;
  /**
   * tmpfs mounts; not on Fargate.
   * @default - none
   */
  readonly tmpfs?: Tmpfs[];
  /**
   * Swap the container may use, in MiB (0 turns swap off); not on Fargate.
   * @default - the instance's swap settings
   */
  readonly maxSwapMiB?: number;
  /**
   * How readily the container's memory is swapped, 0 to 100; needs `maxSwapMiB`; not on Fargate.
   * @default 60
   */
  readonly swappiness?: number;
}

/** A resource limit's name (`ulimit -a`). */
export enum UlimitName {
  CORE = "core",
  CPU = "cpu",
  DATA = "data",
  FSIZE = "fsize",
  LOCKS = "locks",
  MEMLOCK = "memlock",
  MSGQUEUE = "msgqueue",
  NICE = "nice",
  NOFILE = "nofile",
  NPROC = "nproc",
  RSS = "rss",
  RTPRIO = "rtprio",
  RTTIME = "rttime",
  SIGPENDING = "sigpending",
  STACK = "stack",
}

/** A resource limit of the container's processes. */
export interface Ulimit {
  /** Which limit. */
  readonly name: UlimitName;
  /** The soft limit; at most the hard limit. */
  readonly softLimit: number;
  /** The hard limit. */
  readonly hardLimit: number;
}

/** A volume of the task or job mounted into a container. */
export interface MountPoint {
  /** The volume's `name`, one of the task's or job's `volumes`. */
  readonly sourceVolume: string;
  /** Where it is mounted in the container (an absolute path). */
  readonly containerPath: string;
  /**
   * Mount it read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** When a dependent container may start. */
export enum ContainerDependencyCondition {
  /** Once the other container has started. */
  START = "START",
  /** Once the other container has exited, with any code; it must not be essential. */
  COMPLETE = "COMPLETE",
  /** Once the other container has exited with code 0; it must not be essential. */
  SUCCESS = "SUCCESS",
  /** Once the other container's health check passes; it needs a `healthCheck`. */
  HEALTHY = "HEALTHY",
}

/** A container of the same task or job that this one waits for. */
export interface ContainerDependency {
  /** The other container's name. */
  readonly containerName: string;
  /** What it must have done first. */
  readonly condition: ContainerDependencyCondition;
}

/** The log router a FireLens container runs. */
export enum FirelensLogRouterType {
  FLUENTBIT = "fluentbit",
  FLUENTD = "fluentd",
}

/** Makes a container the task's FireLens log router, which containers logging with `awsfirelens` send to. */
export interface FirelensConfig {
  /** Fluent Bit or Fluentd (the API's `type`). */
  readonly routerType: FirelensLogRouterType;
  /**
   * FireLens options: `enable-ecs-log-metadata`, `config-file-type` (`file` on Fargate, or `s3`),
   * `config-file-value`.
   * @default - none
   */
  readonly options?: { [key: string]: string };
}

/**
 * What every container takes, in an ECS task and in a Batch job alike. Each prop sets the container definition
 * member of the same name (units in the name where the API has none).
 */
export interface ContainerBaseOptions {
  /** The image, with its registry credentials if it is private. */
  readonly image: ContainerImage;
  /**
   * The command.
   * @default - the image's CMD
   */
  readonly command?: string[];
  /**
   * Plain environment variables; they are visible in the definition, so never put secrets here.
   * @default - none
   */
  readonly environment?: { [name: string]: string };
  /**
   * Environment variables read from Secrets Manager or Parameter Store at start-up; the execution role is granted
   * read on exactly these values (and decrypt on their customer-managed keys).
   * @default - none
   */
  readonly secrets?: { [name: string]: ContainerSecret };
  /**
   * Volumes of the task or job mounted into the container.
   * @default - none
   */
  readonly mountPoints?: MountPoint[];
  /**
   * Linux-specific settings (capabilities, devices, init process, shared memory, tmpfs, swap).
   * @default - none
   */
  readonly linuxParameters?: LinuxParameters;
  /**
   * Resource limits; on Fargate only `nofile` is honoured by ECS.
   * @default - Docker's defaults
   */
  readonly ulimits?: Ulimit[];
  /**
   * The user (and group) the container runs as: `user`, `uid`, `user:group`, `uid:gid`; not on Windows.
   * @default - the image's USER
   */
  readonly user?: string;
  /**
   * Give the container root on the host; not on Fargate or Windows.
   * @default false
   */
  readonly privileged?: boolean;
  /**
   * Mount the container's root file system read-only; not on Windows.
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * Where the container's output goes.
   * @default - no log configuration (Batch: awslogs to /aws/batch/job)
   */
  readonly logging?: LogDriver;
  /**
   * GPUs reserved for the container; not on Fargate.
   * @default - none
   */
  readonly gpuCount?: number;
  /**
   * Members of the API's container shape that this library has no prop for (one AWS added after this release),
   * merged into the rendered container as given. A member a prop sets is refused: set the prop.
   * @default - none
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- jsii's only free-form JSON type
  readonly additionalProperties?: { [member: string]: any };
}
