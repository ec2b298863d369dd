import type { ContainerSecret } from "./container-secret";

/** An Amazon EFS file system as a volume (ECS tasks and Batch jobs, EC2 and Fargate). */
export interface EfsVolumeConfiguration {
  /** The file system's id, `fs-...`. */
  readonly fileSystemId: string;
  /**
   * The directory of the file system mounted as the volume's root; `/` or unset with an access point.
   * @default "/"
   */
  readonly rootDirectory?: string;
  /**
   * Encrypt traffic to EFS with TLS; needed with an access point or IAM authorization.
   * @default false
   */
  readonly transitEncryption?: boolean;
  /**
   * Port of the TLS tunnel between host and EFS.
   * @default - the EFS mount helper's port choice
   */
  readonly transitEncryptionPort?: number;
  /**
   * An EFS access point, `fsap-...`.
   * @default - none
   */
  readonly accessPointId?: string;
  /**
   * Mount as the task's or job's IAM role, whose policy (yours) must allow `elasticfilesystem:ClientMount`.
   * @default false
   */
  readonly iamAuthorization?: boolean;
}

/** Scope of a Docker volume. */
export enum DockerVolumeScope {
  /** Made when the task starts, removed when it stops. */
  TASK = "task",
  /** Kept after the task stops. */
  SHARED = "shared",
}

/** A Docker-managed volume (ECS on EC2 only). */
export interface DockerVolumeConfiguration {
  /**
   * When the volume lives and dies.
   * @default DockerVolumeScope.TASK
   */
  readonly scope?: DockerVolumeScope;
  /**
   * Create a shared volume that does not exist yet.
   * @default false
   */
  readonly autoprovision?: boolean;
  /**
   * The volume driver.
   * @default "local"
   */
  readonly driver?: string;
  /**
   * Driver options.
   * @default - none
   */
  readonly driverOpts?: { [key: string]: string };
  /**
   * Docker labels of the volume.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/** An FSx for Windows File Server share as a volume (ECS Windows tasks only). */
export interface FsxWindowsFileServerVolumeConfiguration {
  /** The file system's id, `fs-...`. */
  readonly fileSystemId: string;
  /** The share's directory mounted as the volume's root. */
  readonly rootDirectory: string;
  /** The Active Directory user's credentials, read by the execution role (which is granted read on them). */
  readonly credentials: ContainerSecret;
  /** The Active Directory domain, e.g. `corp.example.com`. */
  readonly domain: string;
}

/**
 * A volume of a task or job, which containers mount through `mountPoints`. Give at most one source; with none, a
 * bind volume on the host's (or Fargate's) ephemeral storage, shared by the containers and gone with the task.
 */
export interface Volume {
  /** The name `mountPoints` refer to (1-255 letters, digits, '-' or '_'). */
  readonly name: string;
  /**
   * A directory of the host, bind-mounted (EC2 only).
   * @default - none
   */
  readonly hostPath?: string;
  /**
   * An EFS file system.
   * @default - none
   */
  readonly efs?: EfsVolumeConfiguration;
  /**
   * A Docker-managed volume (ECS on EC2 only).
   * @default - none
   */
  readonly dockerVolume?: DockerVolumeConfiguration;
  /**
   * An FSx for Windows File Server share (ECS Windows only).
   * @default - none
   */
  readonly fsxWindowsFileServer?: FsxWindowsFileServerVolumeConfiguration;
  /**
   * The volume is an EBS volume configured when a service or task is launched (ECS only).
   * @default false
   */
  readonly configuredAtLaunch?: boolean;
}
