import type { ContainerBaseOptions, LinuxParameters } from "../container-options";
import type { ContainerOptions } from "../ecs/container-options";
import { renderEnvironment } from "./environment";
import { numberText } from "./numbers";

/** A name and the ARN a container reads it from: a `secrets` or `secretOptions` entry. */
export interface NamedValueFrom {
  readonly name: string;
  readonly valueFrom: string;
}

/** A container's log configuration with its secret options bound. */
export interface LogConfigurationSpec {
  readonly logDriver: string;
  readonly options?: { [key: string]: string };
  readonly secretOptions?: NamedValueFrom[];
}

/** Every option of every container kind, as the public types declare them (each kind's type is a subset). */
export type AnyContainerOptions = ContainerBaseOptions & Partial<Omit<ContainerOptions, keyof ContainerBaseOptions>>;

/**
 * A container ready to render, in ECS's or Batch's shape: the options as given, with every construct-level concern
 * (images, grants, logging) resolved into the values the document holds.
 */
export interface ContainerSpec extends Omit<AnyContainerOptions, "image" | "secrets" | "environmentFiles" | "logging" | "additionalProperties"> {
  readonly name?: string;
  readonly image: string;
  readonly credentialsParameter?: string;
  /** Batch's vCPUs and memory, which live in `resourceRequirements` rather than `cpu` and `memory`. */
  readonly resources?: { readonly vcpus: number; readonly memoryMiB: number };
  /** Object ARNs. */
  readonly environmentFiles?: string[];
  readonly secrets?: NamedValueFrom[];
  readonly logConfiguration?: LogConfigurationSpec;
}

/**
 * One container in the API's shape: an entry of an ECS task definition's `containerDefinitions`, or with `batch`
 * of a Batch job's `ecsProperties` containers, or (without a name) a Batch job's `containerProperties`. Members
 * appear only when set.
 */
export function renderContainerDefinition(spec: ContainerSpec, batch = false): Record<string, unknown> {
  return dropUndefined({
    name: spec.name,
    image: spec.image,
    repositoryCredentials: spec.credentialsParameter ? { credentialsParameter: spec.credentialsParameter } : undefined,
    essential: spec.essential,
    cpu: spec.cpu,
    memory: spec.memoryMiB,
    memoryReservation: spec.memoryReservationMiB,
    resourceRequirements: resourceRequirements(spec),
    links: spec.links,
    portMappings: spec.portMappings?.map((p) => dropUndefined({
      containerPort: p.containerPort, containerPortRange: p.containerPortRange, hostPort: p.hostPort, protocol: p.protocol ?? "tcp", name: p.name, appProtocol: p.appProtocol,
    })),
    restartPolicy: spec.restartPolicy && dropUndefined({
      enabled: spec.restartPolicy.enabled, ignoredExitCodes: spec.restartPolicy.ignoredExitCodes, restartAttemptPeriod: spec.restartPolicy.restartAttemptPeriodSeconds,
    }),
    entryPoint: spec.entryPoint,
    command: spec.command,
    environment: spec.environment && renderEnvironment(spec.environment),
    environmentFiles: spec.environmentFiles?.map((value) => ({ value, type: "s3" })),
    mountPoints: spec.mountPoints?.map((m) => dropUndefined({ sourceVolume: m.sourceVolume, containerPath: m.containerPath, readOnly: m.readOnly })),
    volumesFrom: spec.volumesFrom?.map((v) => dropUndefined({ sourceContainer: v.sourceContainer, readOnly: v.readOnly })),
    linuxParameters: spec.linuxParameters && renderLinuxParameters(spec.linuxParameters, batch),
    secrets: spec.secrets,
    dependsOn: spec.dependsOn?.map((d) => ({ containerName: d.containerName, condition: d.condition })),
    startTimeout: spec.startTimeoutSeconds,
    stopTimeout: spec.stopTimeoutSeconds,
    versionConsistency: spec.versionConsistency,
    hostname: spec.hostname,
    user: spec.user,
    workingDirectory: spec.workingDirectory,
    disableNetworking: spec.disableNetworking,
    privileged: spec.privileged,
    readonlyRootFilesystem: spec.readonlyRootFilesystem,
    dnsServers: spec.dnsServers,
    dnsSearchDomains: spec.dnsSearchDomains,
    extraHosts: spec.extraHosts?.map((h) => ({ hostname: h.hostname, ipAddress: h.ipAddress })),
    dockerSecurityOptions: spec.dockerSecurityOptions,
    interactive: spec.interactive,
    pseudoTerminal: spec.pseudoTerminal,
    dockerLabels: spec.dockerLabels,
    ulimits: spec.ulimits?.map((u) => ({ name: u.name, softLimit: u.softLimit, hardLimit: u.hardLimit })),
    logConfiguration: spec.logConfiguration && dropUndefined({ ...spec.logConfiguration }),
    healthCheck: spec.healthCheck && dropUndefined({
      command: spec.healthCheck.command, interval: spec.healthCheck.intervalSeconds, timeout: spec.healthCheck.timeoutSeconds,
      retries: spec.healthCheck.retries, startPeriod: spec.healthCheck.startPeriodSeconds,
    }),
    systemControls: spec.systemControls?.map((s) => ({ namespace: s.name, value: s.value })),
    firelensConfiguration: spec.firelensConfig && dropUndefined({ type: spec.firelensConfig.routerType, options: spec.firelensConfig.options }),
    credentialSpecs: spec.credentialSpecs,
  });
}

/** GPUs in ECS; VCPU, MEMORY and GPU in Batch, whose values are strings. */
function resourceRequirements(spec: ContainerSpec): { type: string; value: string }[] | undefined {
  const list = [
    ...(spec.resources ? [{ type: "VCPU", value: numberText(spec.resources.vcpus) }, { type: "MEMORY", value: numberText(spec.resources.memoryMiB) }] : []),
    ...(spec.gpuCount !== undefined ? [{ type: "GPU", value: numberText(spec.gpuCount) }] : []),
  ];
  return list.length > 0 ? list : undefined;
}

/** Batch spells device permissions in capitals (`READ`), ECS in lower case (`read`). */
function renderLinuxParameters(p: LinuxParameters, batch: boolean): Record<string, unknown> {
  const capabilities = p.addCapabilities !== undefined || p.dropCapabilities !== undefined
    ? dropUndefined({ add: p.addCapabilities, drop: p.dropCapabilities })
    : undefined;
  return dropUndefined({
    capabilities,
    devices: p.devices?.map((d) => dropUndefined({
      hostPath: d.hostPath, containerPath: d.containerPath, permissions: batch ? d.permissions?.map((x) => x.toUpperCase()) : d.permissions,
    })),
    initProcessEnabled: p.initProcessEnabled,
    sharedMemorySize: p.sharedMemorySizeMiB,
    tmpfs: p.tmpfs?.map((t) => dropUndefined({ containerPath: t.containerPath, size: t.sizeMiB, mountOptions: t.mountOptions })),
    maxSwap: p.maxSwapMiB,
    swappiness: p.swappiness,
  });
}

/** The object without its undefined members (a loop: this runs for every member of every container rendered). */
export function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
