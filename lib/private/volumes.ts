import { Token } from "cdktf";
import type { EcsTaskDefinitionVolume } from "@cdktf/provider-aws/lib/ecs-task-definition";
import type { IRole } from "../role";
import { DockerVolumeScope, type EfsVolumeConfiguration, type Volume } from "../volume";
import { dropUndefined } from "./container-definition";
import { Fail } from "./fail";
import { checkName } from "./names";
import { checkNumber } from "./numbers";

/** Where the volumes are declared, which decides the sources they may have. */
export interface VolumePlatform {
  readonly batch: boolean;
  readonly fargate: boolean;
  readonly windows: boolean;
}

const SOURCES = ["hostPath", "efs", "dockerVolume", "fsxWindowsFileServer", "configuredAtLaunch"] as const;
const FILE_SYSTEM = /^fs-[0-9a-f]{8,40}$/;
const ACCESS_POINT = /^fsap-[0-9a-f]{8,40}$/;

/** Checks the volumes of a task or job and returns their names, for `mountPoints` to be checked against. */
export function checkVolumes(fail: Fail, platform: VolumePlatform, volumes: Volume[] | undefined): Set<string> {
  const names = new Set<string>();
  (volumes ?? []).forEach((volume, i) => {
    const at = `volumes[${i}]`;
    checkName(fail, `${at} name`, volume.name, 255);
    if (names.has(volume.name))
      throw fail(`two volumes are named "${volume.name}"`, "give each volume a distinct name");
    names.add(volume.name);
    const sources = SOURCES.filter((s) => volume[s] !== undefined && volume[s] !== false);
    if (sources.length > 1)
      throw fail(
        `volume "${volume.name}" has several sources: ${sources.join(", ")}`,
        "give each volume at most one source",
      );
    // Why each source is refused where it is, in the words of the error.
    const refusals: [boolean, string, string][] = [
      [
        platform.batch && usesAny(sources, "dockerVolume", "fsxWindowsFileServer", "configuredAtLaunch"),
        "Batch jobs do",
        "use hostPath (EC2) or efs",
      ],
      [
        platform.fargate && usesAny(sources, "hostPath", "dockerVolume", "fsxWindowsFileServer"),
        "Fargate does",
        "use efs, or a volume without a source (Fargate's ephemeral storage)",
      ],
      [!platform.windows && usesAny(sources, "fsxWindowsFileServer"), "Linux tasks do", "use efs, or run Windows"],
      [platform.windows && usesAny(sources, "efs"), "Windows tasks do", "use fsxWindowsFileServer, or run Linux"],
    ];
    const refused = refusals.find(([hit]) => hit);
    if (refused)
      throw fail(`volume "${volume.name}" uses ${sources.join(", ")}, which ${refused[1]} not support`, refused[2]);
    if (
      volume.hostPath !== undefined &&
      !Token.isUnresolved(volume.hostPath) &&
      !volume.hostPath.startsWith("/") &&
      !/^[A-Za-z]:\\/.test(volume.hostPath)
    ) {
      throw fail(
        `volume "${volume.name}" hostPath "${volume.hostPath}" is not an absolute path`,
        "give the host directory from the root, e.g. /var/data",
      );
    }
    if (volume.efs !== undefined) checkEfs(fail, `volume "${volume.name}" efs`, volume.efs);
    // ECS creates a task-scoped volume with every task anyway; autoprovision applies to shared ones only.
    if (volume.dockerVolume?.autoprovision === true && volume.dockerVolume.scope !== DockerVolumeScope.SHARED) {
      throw fail(
        `volume "${volume.name}" sets dockerVolume.autoprovision without scope shared`,
        "set scope: DockerVolumeScope.SHARED, or drop autoprovision",
      );
    }
    const fsx = volume.fsxWindowsFileServer;
    if (fsx !== undefined && !Token.isUnresolved(fsx.fileSystemId) && !FILE_SYSTEM.test(fsx.fileSystemId)) {
      throw fail(
        `volume "${volume.name}" fsxWindowsFileServer.fileSystemId "${fsx.fileSystemId}" is not a file system id`,
        "give an id such as fs-0123456789abcdef0",
      );
    }
    // ECS takes the credentials of an FSx share as the ARN of a whole secret or parameter, not a JSON key or name.
    if (
      fsx !== undefined &&
      (fsx.credentials._arn === undefined || fsx.credentials.valueFrom !== fsx.credentials._arn)
    ) {
      throw fail(
        `volume "${volume.name}" fsxWindowsFileServer.credentials is a parameter name or one key of a secret`,
        "give ContainerSecret.fromSecretsManager(arn) or fromSsmParameterArn(arn), without field or version",
      );
    }
  });
  return names;
}

/** Whether any of `names` is among the volume's sources. */
function usesAny(sources: readonly string[], ...names: string[]): boolean {
  return sources.some((source) => names.includes(source));
}

function checkEfs(fail: Fail, at: string, efs: EfsVolumeConfiguration): void {
  if (!Token.isUnresolved(efs.fileSystemId) && !FILE_SYSTEM.test(efs.fileSystemId))
    throw fail(
      `${at}.fileSystemId "${efs.fileSystemId}" is not an EFS file system id`,
      "give an id such as fs-0123456789abcdef0",
    );
  if (
    efs.accessPointId !== undefined &&
    !Token.isUnresolved(efs.accessPointId) &&
    !ACCESS_POINT.test(efs.accessPointId)
  ) {
    throw fail(
      `${at}.accessPointId "${efs.accessPointId}" is not an access point id`,
      "give an id such as fsap-0123456789abcdef0",
    );
  }
  const needsTls = efs.accessPointId !== undefined || efs.iamAuthorization === true;
  if (needsTls && efs.transitEncryption !== true)
    throw fail(
      `${at} uses an access point or IAM authorization without transit encryption`,
      "set transitEncryption: true, as EFS requires",
    );
  if (efs.accessPointId !== undefined && efs.rootDirectory !== undefined && efs.rootDirectory !== "/") {
    throw fail(
      `${at} sets rootDirectory "${efs.rootDirectory}" with an access point`,
      "leave rootDirectory unset: the access point's own root directory applies",
    );
  }
  if (efs.rootDirectory !== undefined && !Token.isUnresolved(efs.rootDirectory) && !efs.rootDirectory.startsWith("/")) {
    throw fail(
      `${at}.rootDirectory "${efs.rootDirectory}" is not an absolute path`,
      "give the directory from the file system's root, e.g. /exports",
    );
  }
  if (efs.transitEncryptionPort !== undefined && efs.transitEncryption !== true)
    throw fail(
      `${at} sets transitEncryptionPort without transit encryption`,
      "set transitEncryption: true, or drop the port",
    );
  checkNumber(fail, `${at}.transitEncryptionPort`, efs.transitEncryptionPort, { min: 1, max: 65535 });
}

/** ECS task definition `volume` blocks; an FSx share's credentials are granted to the execution role. */
export function renderEcsVolumes(volumes: Volume[], executionRole: IRole): EcsTaskDefinitionVolume[] {
  return volumes.map((v) => {
    const efs = v.efs;
    const fsx = v.fsxWindowsFileServer;
    fsx?.credentials.grantRead(executionRole);
    return {
      name: v.name,
      hostPath: v.hostPath,
      configureAtLaunch: v.configuredAtLaunch,
      efsVolumeConfiguration: efs && {
        fileSystemId: efs.fileSystemId,
        rootDirectory: efs.rootDirectory,
        transitEncryption: enabled(efs.transitEncryption),
        transitEncryptionPort: efs.transitEncryptionPort,
        authorizationConfig:
          efs.accessPointId !== undefined || efs.iamAuthorization !== undefined
            ? { accessPointId: efs.accessPointId, iam: enabled(efs.iamAuthorization) }
            : undefined,
      },
      dockerVolumeConfiguration: v.dockerVolume && { ...v.dockerVolume },
      fsxWindowsFileServerVolumeConfiguration: fsx && {
        fileSystemId: fsx.fileSystemId,
        rootDirectory: fsx.rootDirectory,
        authorizationConfig: { credentialsParameter: fsx.credentials._arn!, domain: fsx.domain },
      },
    };
  });
}

/** A Batch job's `volumes`, in its JSON. */
export function renderBatchVolumes(volumes: Volume[]): Record<string, unknown>[] {
  return volumes.map((v) =>
    dropUndefined({
      name: v.name,
      host: v.hostPath !== undefined ? { sourcePath: v.hostPath } : undefined,
      efsVolumeConfiguration:
        v.efs &&
        dropUndefined({
          fileSystemId: v.efs.fileSystemId,
          rootDirectory: v.efs.rootDirectory,
          transitEncryption: enabled(v.efs.transitEncryption),
          transitEncryptionPort: v.efs.transitEncryptionPort,
          authorizationConfig:
            v.efs.accessPointId !== undefined || v.efs.iamAuthorization !== undefined
              ? dropUndefined({ accessPointId: v.efs.accessPointId, iam: enabled(v.efs.iamAuthorization) })
              : undefined,
        }),
    }),
  );
}

function enabled(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? "ENABLED" : "DISABLED";
}
