import { Construct } from "constructs";
import { Token } from "cdktf";
import type { ContainerSecret } from "../container-secret";
import type { IRole } from "../role";
import { checkContainer, ContainerKind, ContainerPlatform } from "./container-checks";
import { AnyContainerOptions, ContainerSpec, NamedValueFrom, renderContainerDefinition } from "./container-definition";
import { Fail } from "./fail";
import { withAdditional } from "./additional-properties";

/** The task or job a container is bound into: where errors go, which role pulls, and where it runs. */
export interface ContainerHost extends ContainerPlatform {
  readonly scope: Construct;
  readonly fail: Fail;
  readonly executionRole: IRole;
}

/**
 * The one bind path of containers, for ECS tasks and Batch jobs alike: checks the options against where the
 * container runs, binds its image, secrets, environment files and log driver to the execution role (each grants
 * what it needs), and renders the container in the API's shape. `extra` holds what the host decided itself
 * (the name, Batch's vCPUs and memory).
 */
export function bindContainer(
  host: ContainerHost,
  label: string,
  options: AnyContainerOptions,
  extra: Partial<ContainerSpec> = {},
): Record<string, unknown> {
  checkContainer(host, label, options);
  const { scope, executionRole: role } = host;
  const image = options.image.bind(scope, role);
  const log = options.logging?.bind(scope);
  const spec: ContainerSpec = {
    ...copy(options),
    ...extra,
    image: image.imageName,
    credentialsParameter: image.credentialsParameter,
    secrets: options.secrets && valuesFrom(options.secrets, role),
    environmentFiles: options.environmentFiles?.map((file) => file.grantRead(role)),
    logConfiguration: log && {
      logDriver: log.logDriver,
      options: log.options && { ...log.options },
      secretOptions: log.secretOptions && valuesFrom(log.secretOptions, role),
    },
  };
  return withAdditional(
    host.fail,
    label === "" ? "" : `${label} `,
    renderContainerDefinition(spec, host.kind !== ContainerKind.ECS),
    options.additionalProperties,
  );
}

/** Secrets sorted by name (the APIs return them so; any other order is a perpetual diff), each granted. */
function valuesFrom(secrets: { [name: string]: ContainerSecret }, role: IRole): NamedValueFrom[] {
  return Object.keys(secrets)
    .sort()
    .map((name) => {
      secrets[name].grantRead(role);
      return { name, valueFrom: secrets[name].valueFrom };
    });
}

/**
 * A deep copy of the plain parts of the options, so a container is what its options said when it was added (its
 * document is rendered now); classes (images, secrets, drivers) and Terraform references are kept as they are.
 */
function copy<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return (Token.isUnresolved(value) ? value : value.map(copy)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype || Token.isUnresolved(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = copy((value as Record<string, unknown>)[key]);
  return out as T;
}
