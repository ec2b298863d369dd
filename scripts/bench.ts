/**
 * Synth benchmark: how long the example stacks take to build and synthesize in one process, and what a cold
 * `cdktf synth`-style run of main.ts costs. Run with `npm run bench`; figures go into the README.
 */
import { spawnSync } from "child_process";
import { performance } from "perf_hooks";
import { Testing } from "cdktf";
import { BatchExampleStack } from "../examples/batch-stack";
import { EcsExampleStack } from "../examples/ecs-stack";
import { PullThroughExampleStack } from "../examples/pull-through-stack";

const ROUNDS = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function inProcess(name: string, build: () => unknown): void {
  build(); // warm the module cache so rounds measure synthesis, not loading
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    build();
    times.push(performance.now() - start);
  }
  console.log(`${name}: median ${median(times).toFixed(1)} ms over ${ROUNDS} in-process synths`);
}

inProcess("ECS example stack", () => Testing.synth(new EcsExampleStack(Testing.app(), "bench")));
inProcess("Batch example stack", () => Testing.synth(new BatchExampleStack(Testing.app(), "bench")));
inProcess("Pull-through cache example stack", () => Testing.synth(new PullThroughExampleStack(Testing.app(), "bench")));

const cold: number[] = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "main.ts"], { env: { ...process.env, CDKTF_OUTDIR: "/tmp/bench-cdktf.out" }, encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  cold.push(performance.now() - start);
}
console.log(`main.ts cold (node + ts-node transpile, as cdktf.json runs it, + synth of every example stack): median ${(median(cold) / 1000).toFixed(2)} s over 3 runs`);
const heap = process.memoryUsage().rss / 1024 / 1024;
console.log(`resident memory of this process after the in-process rounds: ${heap.toFixed(0)} MiB`);
