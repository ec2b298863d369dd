/** The stacks main.ts synthesizes, sorted: what a run of the example app must write. */
export const EXAMPLE_STACKS = [
  "batch-private-registry",
  "ecs-ec2-private-registry",
  "ecs-private-registry",
  "production",
  "pull-through-cache",
  "shared-registry-secret",
  "shared-registry-workload",
];
