import { Token } from "cdktf";
import type { TaskContainerOptions } from "../batch/job-options";
import { Capability, type ContainerBaseOptions } from "../container-options";
import type { ContainerOptions } from "../ecs/container-options";
import type { AnyContainerOptions } from "./container-definition";
import { checkEnvironment } from "./aws-values";
import { Fail } from "./fail";
import { checkNumber, isLiteralNumber } from "./numbers";

/** Which API shape a container is rendered into. */
export enum ContainerKind {
  /** An entry of an ECS task definition's `containerDefinitions`. */
  ECS = "ecs",
  /** A Batch job definition's `containerProperties`. */
  BATCH_JOB = "batch-job",
  /** A container of a Batch job definition's `ecsProperties`. */
  BATCH_TASK = "batch-task",
}

/** Where a container runs, which decides what it may ask for. */
export interface ContainerPlatform {
  readonly kind: ContainerKind;
  readonly fargate: boolean;
  readonly windows: boolean;
  /** ECS only. */
  readonly networkMode?: string;
  /** Names of the task's or job's volumes. */
  readonly volumes: ReadonlySet<string>;
}

// Every option of each kind, as its public type declares it: the compiler keeps these lists equal to the types.
const BASE: Record<keyof ContainerBaseOptions, true> = {
  image: true,
  command: true,
  environment: true,
  secrets: true,
  mountPoints: true,
  linuxParameters: true,
  ulimits: true,
  user: true,
  privileged: true,
  readonlyRootFilesystem: true,
  logging: true,
  gpuCount: true,
  additionalProperties: true,
};
const ECS: Record<Exclude<keyof ContainerOptions, keyof ContainerBaseOptions>, true> = {
  essential: true,
  memoryMiB: true,
  memoryReservationMiB: true,
  cpu: true,
  portMappings: true,
  entryPoint: true,
  workingDirectory: true,
  environmentFiles: true,
  healthCheck: true,
  dependsOn: true,
  volumesFrom: true,
  startTimeoutSeconds: true,
  stopTimeoutSeconds: true,
  restartPolicy: true,
  versionConsistency: true,
  systemControls: true,
  extraHosts: true,
  dnsServers: true,
  dnsSearchDomains: true,
  hostname: true,
  interactive: true,
  pseudoTerminal: true,
  links: true,
  credentialSpecs: true,
  disableNetworking: true,
  dockerSecurityOptions: true,
  dockerLabels: true,
  firelensConfig: true,
};
const BATCH_TASK: Record<Exclude<keyof TaskContainerOptions, keyof ContainerBaseOptions>, true> = {
  vcpus: true,
  memoryMiB: true,
  essential: true,
  dependsOn: true,
  firelensConfig: true,
  startTimeoutSeconds: true,
  stopTimeoutSeconds: true,
};
/** The options every container kind takes (`ContainerBaseOptions`). */
export const BASE_OPTIONS = Object.keys(BASE) as (keyof ContainerBaseOptions)[];
const OPTIONS: Record<ContainerKind, ReadonlySet<string> | undefined> = {
  [ContainerKind.ECS]: new Set([...BASE_OPTIONS, ...Object.keys(ECS)]),
  // The job's own props hold its one container's options beside the job's, and are checked where they are declared.
  [ContainerKind.BATCH_JOB]: undefined,
  [ContainerKind.BATCH_TASK]: new Set([...BASE_OPTIONS, ...Object.keys(BATCH_TASK)]),
};

/** Options not supported on Windows containers, as ECS's API documents them. */
const NOT_ON_WINDOWS = [
  "linuxParameters",
  "user",
  "privileged",
  "readonlyRootFilesystem",
  "ulimits",
  "links",
  "dnsServers",
  "dnsSearchDomains",
  "extraHosts",
  "disableNetworking",
] as const;
/** Options Fargate refuses (the ECS developer guide's Fargate task definition considerations). */
const NOT_ON_FARGATE = [
  "privileged",
  "dockerSecurityOptions",
  "gpuCount",
  "disableNetworking",
  "dnsServers",
  "dnsSearchDomains",
] as const;
const NOT_ON_FARGATE_LINUX = ["devices", "sharedMemorySizeMiB", "tmpfs", "maxSwapMiB", "swappiness"] as const;
/** The tmpfs mount options ECS accepts; `mode`, `uid`, `gid`, `nr_inodes`, `nr_blocks` and `mpol` take `=<value>`. */
const TMPFS_OPTIONS = new Set(
  (
    "defaults ro rw suid nosuid dev nodev exec noexec sync async dirsync remount mand nomand atime noatime " +
    "diratime nodiratime bind rbind unbindable runbindable private rprivate shared rshared slave rslave relatime norelatime strictatime " +
    "nostrictatime mode uid gid nr_inodes nr_blocks mpol"
  ).split(" "),
);
const SYSCTL = /^[a-z][a-z0-9_]*(\.[a-zA-Z0-9_*-]+)+$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

// Linux paths from the root, or Windows paths from a drive (C:\\data).
const ABSOLUTE = /^(?:\/|[A-Za-z]:\\)/;

/** Checks one container's options against where it runs; `label` names it in errors (`container "app"`). */
export function checkContainer(
  platform: ContainerPlatform & { readonly fail: Fail },
  label: string,
  options: AnyContainerOptions,
): void {
  const { fail, fargate, windows, kind } = platform;
  // A job's one container has no name of its own: its errors read like the job's props.
  const L = label === "" ? "" : `${label} `;
  const where = fargate ? "Fargate" : "EC2";
  if (options === undefined || options === null || typeof options !== "object")
    throw fail(`${L}has no options`, "pass an object with at least an image");
  if (options.image === undefined || typeof (options.image as { bind?: unknown }).bind !== "function") {
    throw fail(`${L}has no image`, "set image: ContainerImage.fromRegistry(...)");
  }
  const known = OPTIONS[kind];
  const unknown = known === undefined ? [] : Object.keys(options).filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw fail(
      `${L}has options this kind of container does not take: ${unknown.join(", ")}`,
      `${them(unknown)}, or set API members this library lacks through additionalProperties`,
    );
  const set = (prop: string) => (options as unknown as Record<string, unknown>)[prop] !== undefined;

  if (windows) {
    const linuxOnly = NOT_ON_WINDOWS.filter(set);
    if (linuxOnly.length > 0)
      throw fail(
        `${L}sets ${linuxOnly.join(", ")}, which Windows containers do not support`,
        `${them(linuxOnly)}, or run the task on Linux`,
      );
  }
  if (fargate) {
    // Batch's one-container jobs take no ulimits on Fargate; ECS tasks and ECS-properties jobs do (nofile).
    const refused = [...NOT_ON_FARGATE, ...(kind === ContainerKind.BATCH_JOB ? ["ulimits" as const] : [])].filter(set);
    if (refused.length > 0)
      throw fail(`${L}sets ${refused.join(", ")}, which Fargate does not support`, `${them(refused)}, or run on EC2`);
  }
  checkEnvironment(fail, `${L}environment`, options.environment);
  checkEnvironment(fail, `${L}secrets`, options.secrets as { [name: string]: never } | undefined);
  const both = Object.keys(options.secrets ?? {}).filter((name) => options.environment?.[name] !== undefined);
  if (both.length > 0)
    throw fail(`${L}sets ${both.join(", ")} both in environment and in secrets`, "keep each variable in one of them");
  checkAbsolute(fail, `${L}workingDirectory`, options.workingDirectory, "/srv/app");
  checkNumber(fail, `${L}gpuCount`, options.gpuCount, { min: 1 });
  if (options.user !== undefined && !Token.isUnresolved(options.user) && !/^[^\s:]+(:[^\s:]+)?$/.test(options.user)) {
    throw fail(
      `${L}user ${JSON.stringify(options.user)} is not a user or user:group`,
      "give a name or uid, optionally with :group or :gid, e.g. 1000:1000",
    );
  }

  for (const [i, mount] of (options.mountPoints ?? []).entries()) {
    if (!Token.isUnresolved(mount.sourceVolume) && !platform.volumes.has(mount.sourceVolume)) {
      throw fail(
        `${L}mountPoints[${i}] names the volume "${mount.sourceVolume}", which is not one of the volumes`,
        `add a volume named "${mount.sourceVolume}" to volumes, or use one of: ${[...platform.volumes].join(", ") || "(none)"}`,
      );
    }
    checkAbsolute(fail, `${L}mountPoints[${i}] containerPath`, mount.containerPath, "/data");
  }

  const linux = options.linuxParameters;
  if (linux !== undefined) {
    if (kind !== ContainerKind.ECS && (linux.addCapabilities !== undefined || linux.dropCapabilities !== undefined)) {
      throw fail(
        `${L}linuxParameters sets capabilities, which Batch jobs do not take`,
        "remove addCapabilities and dropCapabilities",
      );
    }
    if (fargate) {
      const refused = NOT_ON_FARGATE_LINUX.filter((k) => linux[k] !== undefined);
      if (refused.length > 0)
        throw fail(
          `${L}linuxParameters sets ${refused.join(", ")}, which Fargate does not support`,
          `${them(refused)}, or run on EC2`,
        );
      const added = (linux.addCapabilities ?? []).filter((c) => c !== Capability.SYS_PTRACE);
      if (added.length > 0)
        throw fail(
          `${L}linuxParameters adds ${added.join(", ")}, but Fargate adds only SYS_PTRACE`,
          "add only SYS_PTRACE, or run on EC2",
        );
    }
    checkNumber(fail, `${L}linuxParameters.sharedMemorySizeMiB`, linux.sharedMemorySizeMiB, { min: 1 });
    checkNumber(fail, `${L}linuxParameters.maxSwapMiB`, linux.maxSwapMiB, { min: 0 });
    checkNumber(fail, `${L}linuxParameters.swappiness`, linux.swappiness, { min: 0, max: 100 });
    if (linux.swappiness !== undefined && linux.maxSwapMiB === undefined)
      throw fail(
        `${L}linuxParameters sets swappiness without maxSwapMiB`,
        "set maxSwapMiB too: ECS ignores swappiness without it",
      );
    (linux.devices ?? []).forEach((d, i) =>
      checkAbsolute(fail, `${L}linuxParameters.devices[${i}] hostPath`, d.hostPath, "/dev/fuse"),
    );
    (linux.tmpfs ?? []).forEach((t, i) => {
      checkAbsolute(fail, `${L}linuxParameters.tmpfs[${i}] containerPath`, t.containerPath, "/tmp");
      checkNumber(fail, `${L}linuxParameters.tmpfs[${i}] sizeMiB`, t.sizeMiB, { min: 1 });
      const unknown = (t.mountOptions ?? []).filter(
        (o) => !Token.isUnresolved(o) && !TMPFS_OPTIONS.has(o.split("=")[0]),
      );
      if (unknown.length > 0)
        throw fail(
          `${L}linuxParameters.tmpfs[${i}] has mount options ECS does not take: ${unknown.join(", ")}`,
          "use options such as rw, noexec, nosuid or mode=1777",
        );
    });
  }

  const ulimits = options.ulimits ?? [];
  ulimits.forEach((u, i) => {
    checkNumber(fail, `${L}ulimits[${i}] softLimit`, u.softLimit, { min: 0 });
    checkNumber(fail, `${L}ulimits[${i}] hardLimit`, u.hardLimit, { min: 0 });
    if (isLiteralNumber(u.softLimit) && isLiteralNumber(u.hardLimit) && u.softLimit > u.hardLimit) {
      throw fail(
        `${L}ulimit ${u.name} has a soft limit of ${u.softLimit} above its hard limit of ${u.hardLimit}`,
        "make softLimit at most hardLimit",
      );
    }
    if (ulimits.findIndex((o) => o.name === u.name) !== i)
      throw fail(`${L}sets the ulimit ${u.name} twice`, "set each limit once");
  });

  const health = options.healthCheck;
  if (health !== undefined) {
    const first = health.command?.[0];
    const forms = 'give ["CMD", "<program>", "<args>"...] or ["CMD-SHELL", "<shell command>"]';
    if (!Token.isUnresolved(health.command)) {
      const command = health.command ?? [];
      if (first !== "CMD" && first !== "CMD-SHELL")
        throw fail(
          `${L}healthCheck.command ${JSON.stringify(health.command)} does not start with CMD or CMD-SHELL`,
          forms,
        );
      if (command.length < 2)
        throw fail(`${L}healthCheck.command ${JSON.stringify(health.command)} has no command after ${first}`, forms);
      // The shell gets one string; more elements would become the shell's positional parameters, not the command's.
      if (first === "CMD-SHELL" && command.length > 2)
        throw fail(
          `${L}healthCheck.command gives CMD-SHELL ${command.length - 1} strings`,
          "give the whole shell command as one string after CMD-SHELL, or use CMD with one element per argument",
        );
    }
    checkNumber(fail, `${L}healthCheck.intervalSeconds`, health.intervalSeconds, { min: 5, max: 300 });
    checkNumber(fail, `${L}healthCheck.timeoutSeconds`, health.timeoutSeconds, { min: 2, max: 60 });
    checkNumber(fail, `${L}healthCheck.retries`, health.retries, { min: 1, max: 10 });
    checkNumber(fail, `${L}healthCheck.startPeriodSeconds`, health.startPeriodSeconds, { min: 0, max: 300 });
  }
  const timeouts = fargate ? { min: 2, max: 120 } : { min: 0 };
  checkNumber(fail, `${L}startTimeoutSeconds (${where})`, options.startTimeoutSeconds, timeouts);
  checkNumber(fail, `${L}stopTimeoutSeconds (${where})`, options.stopTimeoutSeconds, timeouts);

  const restart = options.restartPolicy;
  if (restart !== undefined) {
    checkNumber(fail, `${L}restartPolicy.restartAttemptPeriodSeconds`, restart.restartAttemptPeriodSeconds, {
      min: 60,
      max: 1800,
    });
    if ((restart.ignoredExitCodes?.length ?? 0) > 50)
      throw fail(`${L}restartPolicy ignores ${restart.ignoredExitCodes!.length} exit codes`, "list at most 50");
    restart.ignoredExitCodes?.forEach((code, i) =>
      checkNumber(fail, `${L}restartPolicy.ignoredExitCodes[${i}]`, code, { min: 0, max: 255 }),
    );
  }

  for (const key of Object.keys(options.dockerLabels ?? {})) {
    if (!Token.isUnresolved(key) && (key.trim() === "" || /\s/.test(key)))
      throw fail(
        `${L}dockerLabels has the key ${JSON.stringify(key)}`,
        "use keys without whitespace, such as com.example.team",
      );
  }
  (options.systemControls ?? []).forEach((c, i) => {
    if (!Token.isUnresolved(c.name) && !SYSCTL.test(c.name))
      throw fail(
        `${L}systemControls[${i}] name ${JSON.stringify(c.name)} is not a kernel parameter`,
        "give a namespaced parameter such as net.core.somaxconn or kernel.shmmax",
      );
  });
  const addresses = [
    ...(options.dnsServers ?? []).map((a) => ["dnsServers", a]),
    ...(options.extraHosts ?? []).map((h) => ["extraHosts", h.ipAddress]),
  ];
  for (const [prop, address] of addresses) {
    if (!Token.isUnresolved(address) && !IPV4.test(address) && !IPV6.test(address))
      throw fail(
        `${L}${prop} has "${address}", which is not an IP address`,
        "give IPv4 or IPv6 addresses, e.g. 10.0.0.2",
      );
  }
  const awsvpc = platform.networkMode === "awsvpc";
  if (awsvpc && options.hostname !== undefined)
    throw fail(
      `${L}sets hostname, which awsvpc networking does not support`,
      "remove hostname (the task's ENI names the host)",
    );
  if (awsvpc && options.extraHosts !== undefined)
    throw fail(
      `${L}sets extraHosts, which awsvpc networking does not support`,
      "remove extraHosts, or use bridge or host networking on EC2",
    );
  if (options.links !== undefined && platform.networkMode !== "bridge")
    throw fail(
      `${L}sets links, which only bridge networking supports`,
      "remove links (containers of an awsvpc task reach each other on localhost)",
    );
  if ((options.environmentFiles?.length ?? 0) > 10)
    throw fail(`${L}has ${options.environmentFiles!.length} environment files`, "use at most 10, as ECS allows");
  if (
    (options.credentialSpecs?.length ?? 0) > 1 ||
    (options.credentialSpecs ?? []).some(
      (c) => !Token.isUnresolved(c) && !c.startsWith("credentialspec:") && !c.startsWith("credentialspecdomainless:"),
    )
  ) {
    throw fail(
      `${L}credentialSpecs ${JSON.stringify(options.credentialSpecs)} is not one credentialspec: entry`,
      "give one entry, credentialspec:<ARN> or credentialspecdomainless:<ARN>",
    );
  }
  if (
    options.firelensConfig !== undefined &&
    options.firelensConfig.options?.["config-file-type"] === "s3" &&
    fargate
  ) {
    throw fail(
      `${L}firelensConfig reads its configuration from S3, which Fargate does not support`,
      'use "config-file-type": "file" with a file in the image',
    );
  }
}

/** "remove it" or "remove them", as the list is long. */
export function them(names: readonly string[]): string {
  return names.length === 1 ? `remove ${names[0]}` : "remove them";
}

function checkAbsolute(fail: Fail, prop: string, value: string | undefined, example: string): void {
  if (value !== undefined && !Token.isUnresolved(value) && !ABSOLUTE.test(value)) {
    throw fail(`${prop} "${value}" is not an absolute path`, `give the path from the root, e.g. ${example}`);
  }
}
