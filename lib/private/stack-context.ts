import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "cdktf";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { regionAttribute } from "./provider-compat";

// One data source of each kind per stack, created on first use, so many constructs share them and stacks that
// never need one (caller identity makes an STS call at plan time) do not get it.
interface Source<T extends Construct> {
  readonly id: string;
  readonly make: (stack: TerraformStack, id: string) => T;
}
const PARTITION: Source<DataAwsPartition> = {
  id: "PrivateRegistryPartition",
  make: (s, id) => new DataAwsPartition(s, id),
};
const REGION: Source<DataAwsRegion> = { id: "PrivateRegistryRegion", make: (s, id) => new DataAwsRegion(s, id) };
const CALLER: Source<DataAwsCallerIdentity> = {
  id: "PrivateRegistryCallerIdentity",
  make: (s, id) => new DataAwsCallerIdentity(s, id),
};

// Each read of a data source attribute makes a new token, and cdktf records a stack trace for every token: one token
// per attribute and stack, shared by every use, keeps large stacks fast. Uses are counted per data source, so one
// that only a removed construct used goes with it (`releaseUse`).
interface StackState {
  readonly values: Map<string, string>;
  readonly uses: Map<string, number>;
}
const states = new WeakMap<TerraformStack, StackState>();
function stateOf(scope: IConstruct): [TerraformStack, StackState] {
  const stack = TerraformStack.of(scope);
  let state = states.get(stack);
  if (state === undefined) states.set(stack, (state = { values: new Map(), uses: new Map() }));
  return [stack, state];
}

function attribute<T extends Construct>(scope: IConstruct, source: Source<T>, key: string, read: (data: T) => string) {
  const [stack, state] = stateOf(scope);
  state.uses.set(source.id, (state.uses.get(source.id) ?? 0) + 1);
  const cacheKey = `${source.id}.${key}`;
  let value = state.values.get(cacheKey);
  if (value === undefined) {
    const data = (stack.node.tryFindChild(source.id) as T | undefined) ?? source.make(stack, source.id);
    state.values.set(cacheKey, (value = read(data)));
  }
  return value;
}

/** The partition of the provider's region (`aws`, `aws-cn`, `aws-us-gov`); read from provider config, no API call. */
export function partitionOf(scope: IConstruct): string {
  return attribute(scope, PARTITION, "partition", (data) => data.partition);
}

/** The provider's region; read from provider config, no API call. */
export function regionOf(scope: IConstruct): string {
  return attribute(scope, REGION, "region", regionAttribute);
}

/** The account the provider's credentials belong to (one STS call at plan time). */
export function accountOf(scope: IConstruct): string {
  return attribute(scope, CALLER, "account", (data) => data.accountId);
}

/** The partition's DNS suffix (`amazonaws.com`, `amazonaws.com.cn`); read from provider config, no API call. */
export function dnsSuffixOf(scope: IConstruct): string {
  return attribute(scope, PARTITION, "dnsSuffix", (data) => data.dnsSuffix);
}

/**
 * Gives back one use of `partitionOf` or `accountOf` by a construct that is being removed before synth (an
 * execution role nothing was granted to): the data source, and its tokens, go once nothing else uses it.
 */
export function releaseUse(scope: IConstruct, of: "partition" | "account"): void {
  const source = of === "account" ? CALLER : PARTITION;
  const [stack, state] = stateOf(scope);
  const left = Math.max(0, (state.uses.get(source.id) ?? 0) - 1);
  state.uses.set(source.id, left);
  if (left > 0) return;
  stack.node.tryRemoveChild(source.id);
  for (const key of [...state.values.keys()]) if (key.startsWith(`${source.id}.`)) state.values.delete(key);
}
