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
export interface ContainerSpec extends Omit<
  AnyContainerOptions,
  "image" | "secrets" | "environmentFiles" | "logging" | "additionalProperties"
> {
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
  // Members are added one by one when set: most containers set a handful of some forty.
  const out: Record<string, unknown> = {};
  const put = (member: string, value: unknown) => {
    if (value !== undefined) out[member] = value;
  };
  put("name", spec.name);
  put("image", spec.image);
  if (spec.credentialsParameter) out.repositoryCredentials = { credentialsParameter: spec.credentialsParameter };
  put("essential", spec.essential);
  put("cpu", spec.cpu);
  put("memory", spec.memoryMiB);
  put("memoryReservation", spec.memoryReservationMiB);
  put("resourceRequirements", resourceRequirements(spec));
  put("links", spec.links);
  put(
    "portMappings",
    spec.portMappings?.map((p) =>
      dropUndefined({
        containerPort: p.containerPort,
        containerPortRange: p.containerPortRange,
        hostPort: p.hostPort,
        protocol: p.protocol ?? "tcp",
        name: p.name,
        appProtocol: p.appProtocol,
      }),
    ),
  );
  put(
    "restartPolicy",
    spec.restartPolicy &&
      dropUndefined({
        enabled: spec.restartPolicy.enabled,
        ignoredExitCodes: spec.restartPolicy.ignoredExitCodes,
        restartAttemptPeriod: spec.restartPolicy.restartAttemptPeriodSeconds,
      }),
  );
  put("entryPoint", spec.entryPoint);
  put("command", spec.command);
  put("environment", spec.environment && renderEnvironment(spec.environment));
  put(
    "environmentFiles",
    spec.environmentFiles?.map((value) => ({ value, type: "s3" })),
  );
  put(
    "mountPoints",
    spec.mountPoints?.map((m) =>
      dropUndefined({ sourceVolume: m.sourceVolume, containerPath: m.containerPath, readOnly: m.readOnly }),
    ),
  );
  put(
    "volumesFrom",
    spec.volumesFrom?.map((v) => dropUndefined({ sourceContainer: v.sourceContainer, readOnly: v.readOnly })),
  );
  put("linuxParameters", spec.linuxParameters && renderLinuxParameters(spec.linuxParameters, batch));
  put("secrets", spec.secrets);
  put(
    "dependsOn",
    spec.dependsOn?.map((d) => ({ containerName: d.containerName, condition: d.condition })),
  );
  put("startTimeout", spec.startTimeoutSeconds);
  put("stopTimeout", spec.stopTimeoutSeconds);
  put("versionConsistency", spec.versionConsistency);
  put("hostname", spec.hostname);
  put("user", spec.user);
  put("workingDirectory", spec.workingDirectory);
  put("disableNetworking", spec.disableNetworking);
  put("privileged", spec.privileged);
  put("readonlyRootFilesystem", spec.readonlyRootFilesystem);
  put("dnsServers", spec.dnsServers);
  put("dnsSearchDomains", spec.dnsSearchDomains);
  put(
    "extraHosts",
    spec.extraHosts?.map((h) => ({ hostname: h.hostname, ipAddress: h.ipAddress })),
  );
  put("dockerSecurityOptions", spec.dockerSecurityOptions);
  put("interactive", spec.interactive);
  put("pseudoTerminal", spec.pseudoTerminal);
  put("dockerLabels", spec.dockerLabels);
  put(
    "ulimits",
    spec.ulimits?.map((u) => ({ name: u.name, softLimit: u.softLimit, hardLimit: u.hardLimit })),
  );
  put("logConfiguration", spec.logConfiguration && dropUndefined({ ...spec.logConfiguration }));
  put(
    "healthCheck",
    spec.healthCheck &&
      dropUndefined({
        command: spec.healthCheck.command,
        interval: spec.healthCheck.intervalSeconds,
        timeout: spec.healthCheck.timeoutSeconds,
        retries: spec.healthCheck.retries,
        startPeriod: spec.healthCheck.startPeriodSeconds,
      }),
  );
  put(
    "systemControls",
    spec.systemControls?.map((c) => ({ namespace: c.name, value: c.value })),
  );
  put(
    "firelensConfiguration",
    spec.firelensConfig &&
      dropUndefined({ type: spec.firelensConfig.routerType, options: spec.firelensConfig.options }),
  );
  put("credentialSpecs", spec.credentialSpecs);
  return out;
}

/** GPUs in ECS; VCPU, MEMORY and GPU in Batch, whose values are strings. */
function resourceRequirements(spec: ContainerSpec): { type: string; value: string }[] | undefined {
  const list = [
    ...(spec.resources
      ? [
          { type: "VCPU", value: numberText(spec.resources.vcpus) },
          { type: "MEMORY", value: numberText(spec.resources.memoryMiB) },
        ]
      : []),
    ...(spec.gpuCount !== undefined ? [{ type: "GPU", value: numberText(spec.gpuCount) }] : []),
  ];
  return list.length > 0 ? list : undefined;
}

/** Batch spells device permissions in capitals (`READ`), ECS in lower case (`read`). */
function renderLinuxParameters(p: LinuxParameters, batch: boolean): Record<string, unknown> {
  const capabilities =
    p.addCapabilities !== undefined || p.dropCapabilities !== undefined
      ? dropUndefined({ add: p.addCapabilities, drop: p.dropCapabilities })
      : undefined;
  return dropUndefined({
    capabilities,
    devices: p.devices?.map((d) =>
      dropUndefined({
        hostPath: d.hostPath,
        containerPath: d.containerPath,
        permissions: batch ? d.permissions?.map((x) => x.toUpperCase()) : d.permissions,
      }),
    ),
    initProcessEnabled: p.initProcessEnabled,
    sharedMemorySize: p.sharedMemorySizeMiB,
    tmpfs: p.tmpfs?.map((t) =>
      dropUndefined({ containerPath: t.containerPath, size: t.sizeMiB, mountOptions: t.mountOptions }),
    ),
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
