import { LogConfiguration } from "./log-driver";

/** Transport protocol of a port mapping. */
export enum Protocol {
  TCP = "tcp",
  UDP = "udp",
}

export interface PortMapping {
  readonly containerPort: number;
  /** @default - the container port with `awsvpc` networking; a dynamic port with `bridge` */
  readonly hostPort?: number;
  /** @default Protocol.TCP */
  readonly protocol?: Protocol;
}

/** A container ready to render: every construct-level concern (images, grants, logging) already resolved. */
export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly credentialsParameter?: string;
  readonly essential: boolean;
  readonly cpu?: number;
  readonly memoryMiB?: number;
  readonly memoryReservationMiB?: number;
  readonly portMappings?: PortMapping[];
  readonly environment?: { [name: string]: string };
  readonly command?: string[];
  readonly entryPoint?: string[];
  readonly workingDirectory?: string;
  readonly logConfiguration?: LogConfiguration;
}

/**
 * Environment variables as the ECS and Batch APIs take them, sorted by name because both return them sorted; any
 * other order would show as a perpetual diff.
 */
export function renderEnvironment(environment: { [name: string]: string }): { name: string; value: string }[] {
  return Object.keys(environment).sort().map((name) => ({ name, value: environment[name] }));
}

/** One entry of a task definition's `containerDefinitions`, in the ECS API's shape. */
export function renderContainerDefinition(spec: ContainerSpec): Record<string, unknown> {
  return dropUndefined({
    name: spec.name,
    image: spec.image,
    repositoryCredentials: spec.credentialsParameter ? { credentialsParameter: spec.credentialsParameter } : undefined,
    essential: spec.essential,
    cpu: spec.cpu,
    memory: spec.memoryMiB,
    memoryReservation: spec.memoryReservationMiB,
    portMappings: spec.portMappings?.map((p) => dropUndefined({ containerPort: p.containerPort, hostPort: p.hostPort, protocol: p.protocol ?? Protocol.TCP })),
    environment: spec.environment && renderEnvironment(spec.environment),
    command: spec.command,
    entryPoint: spec.entryPoint,
    workingDirectory: spec.workingDirectory,
    logConfiguration: spec.logConfiguration,
  });
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
