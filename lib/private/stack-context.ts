import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "cdktf";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { regionAttribute } from "./provider-compat";

// One data source of each kind per stack, created on first use, so many constructs share them and stacks that
// never need one (caller identity makes an STS call at plan time) do not get it.
function singleton<T extends Construct>(
  scope: IConstruct,
  id: string,
  make: (stack: TerraformStack, id: string) => T,
): T {
  const stack = TerraformStack.of(scope);
  return (stack.node.tryFindChild(id) as T | undefined) ?? make(stack, id);
}

// Each read of a data source attribute makes a new token, and cdktf records a stack trace for every token: one token
// per attribute and stack, shared by every use, keeps large stacks fast.
const attributes = new WeakMap<TerraformStack, Map<string, string>>();
function attribute(scope: IConstruct, key: string, read: () => string): string {
  const stack = TerraformStack.of(scope);
  let known = attributes.get(stack);
  if (known === undefined) attributes.set(stack, (known = new Map()));
  let value = known.get(key);
  if (value === undefined) known.set(key, (value = read()));
  return value;
}

/** The partition of the provider's region (`aws`, `aws-cn`, `aws-us-gov`); read from provider config, no API call. */
export function partitionOf(scope: IConstruct): string {
  return attribute(
    scope,
    "partition",
    () => singleton(scope, "PrivateRegistryPartition", (s, id) => new DataAwsPartition(s, id)).partition,
  );
}

/** The provider's region; read from provider config, no API call. */
export function regionOf(scope: IConstruct): string {
  return attribute(scope, "region", () =>
    regionAttribute(singleton(scope, "PrivateRegistryRegion", (s, id) => new DataAwsRegion(s, id))),
  );
}

/** The account the provider's credentials belong to (one STS call at plan time). */
export function accountOf(scope: IConstruct): string {
  return attribute(
    scope,
    "account",
    () => singleton(scope, "PrivateRegistryCallerIdentity", (s, id) => new DataAwsCallerIdentity(s, id)).accountId,
  );
}

/** The partition's DNS suffix (`amazonaws.com`, `amazonaws.com.cn`); read from provider config, no API call. */
export function dnsSuffixOf(scope: IConstruct): string {
  return attribute(
    scope,
    "dnsSuffix",
    () => singleton(scope, "PrivateRegistryPartition", (s, id) => new DataAwsPartition(s, id)).dnsSuffix,
  );
}
