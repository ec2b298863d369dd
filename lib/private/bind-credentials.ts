import { Annotations } from "cdktf";
import { Construct } from "constructs";
import type { RegistryCredentials } from "../credentials";
import { RoleLike, SecretReadPolicy } from "../secret-read-policy";

/**
 * What every construct does when an image brings credentials: grant `role` read (the policy de-duplicates) and,
 * for a partial ARN or bare name, warn once on the construct that bound them.
 */
export function bindCredentials(scope: Construct, role: RoleLike, credentials: RegistryCredentials): void {
  SecretReadPolicy.of(role).add(credentials);
  const warning = credentials.warning;
  if (warning && !scope.node.metadata.some((m) => m.data === warning)) Annotations.of(scope).addWarning(warning);
}
