import type { PortMapping } from "../ecs/port-mapping";
import type { LogDriverConfig } from "../log-driver";
import { renderEnvironment } from "./environment";

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
  readonly logConfiguration?: LogDriverConfig;
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
    portMappings: spec.portMappings?.map((p) => dropUndefined({ containerPort: p.containerPort, hostPort: p.hostPort, protocol: p.protocol ?? "tcp" })),
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
