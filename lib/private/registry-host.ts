import { Token } from "cdktf";
import { Fail } from "./fail";

/** The key under which the ECS agent and the Docker CLI look up Docker Hub credentials. */
export const DOCKER_HUB_AUTH_KEY = "https://index.docker.io/v1/";
/** Names that all mean Docker Hub. */
export const DOCKER_HUB_HOSTS = ["docker.io", "index.docker.io", "registry-1.docker.io"];

// The domain part of github.com/distribution/reference's grammar: DNS labels or a bracketed IPv6 address, and a port.
const DOMAIN_LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = new RegExp(`^(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?$`);

/**
 * True for a registry host as Docker writes it: a DNS name or bracketed IPv6 address, with an optional TCP port
 * (1 to 65535).
 */
export function isRegistryHost(value: string): boolean {
  const port = /:(\d+)$/.exec(value)?.[1];
  return DOMAIN.test(value) && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535));
}

/** Checks a literal registry host given as prop `prop`; a Terraform reference passes unchecked. */
export function checkRegistryHost(fail: Fail, prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (!isRegistryHost(value)) {
    throw fail(
      `${prop} "${value}" is not a registry host`,
      "pass a host with an optional port, e.g. docker.io, quay.io or registry.example.com:5000, without scheme or path",
    );
  }
  if (value !== value.toLowerCase()) {
    // The ECS agent finds credentials by the host exactly as the image reference writes it, so "Quay.io" credentials
    // would never match the "quay.io/..." images that need them.
    throw fail(
      `${prop} "${value}" has capitals, and the ECS agent matches registry hosts exactly`,
      `write it in lowercase, "${value.toLowerCase()}", as image references do`,
    );
  }
}

/** The ECS agent's lookup key for a registry host: Docker Hub's aliases all map to its fixed index URL. */
export function authKeyForHost(host: string | undefined): string {
  return host === undefined || DOCKER_HUB_HOSTS.includes(host) ? DOCKER_HUB_AUTH_KEY : host;
}
