import { Token } from "cdktf";
import { Fail } from "./fail";

/**
 * Task sizes Fargate accepts (Linux), from the ECS developer guide's task size table: for each CPU value, the
 * allowed memory range in MiB and its step. AWS Batch on Fargate takes the same sizes in vCPUs.
 */
const FARGATE_SIZES: ReadonlyArray<{ cpu: number; min: number; max: number; step: number; extra?: number[] }> = [
  { cpu: 256, min: 1024, max: 2048, step: 1024, extra: [512] },
  { cpu: 512, min: 1024, max: 4096, step: 1024 },
  { cpu: 1024, min: 2048, max: 8192, step: 1024 },
  { cpu: 2048, min: 4096, max: 16384, step: 1024 },
  { cpu: 4096, min: 8192, max: 30720, step: 1024 },
  { cpu: 8192, min: 16384, max: 61440, step: 4096 },
  { cpu: 16384, min: 32768, max: 122880, step: 8192 },
];

/** The CPU units Fargate accepts. */
export const FARGATE_CPU_VALUES = FARGATE_SIZES.map((s) => s.cpu);

/** The memory values Fargate accepts for `cpu` units, or undefined when `cpu` itself is not a Fargate size. */
export function fargateMemoryOptions(cpu: number): number[] | undefined {
  const size = FARGATE_SIZES.find((s) => s.cpu === cpu);
  if (!size) return undefined;
  const values = new Set(size.extra ?? []);
  for (let m = size.min; m <= size.max; m += size.step) values.add(m);
  return [...values].sort((a, b) => a - b);
}

/** The accepted memory values for `cpu` units, compactly, e.g. "1024-4096 in steps of 1024". */
function describeFargateMemory(cpu: number): string {
  const size = FARGATE_SIZES.find((s) => s.cpu === cpu)!;
  const extra = size.extra ? `${size.extra.join(", ")}, ` : "";
  return `${extra}${size.min}-${size.max} in steps of ${size.step}`;
}

/**
 * The one Fargate size check. `cpuProp` is the prop as the user wrote it: `cpu` in CPU units (ECS) or `vcpus`
 * (Batch, where 0.25 vCPU is 256 units). Terraform references pass unchecked.
 */
export function checkFargateSize(fail: Fail, cpuProp: "cpu" | "vcpus", cpu: number, memoryMiB: number): void {
  if (Token.isUnresolved(cpu) || Token.isUnresolved(memoryMiB)) return;
  const perUnit = cpuProp === "vcpus" ? 1024 : 1;
  const units = cpu * perUnit;
  const options = fargateMemoryOptions(units);
  if (!options) {
    throw fail(
      `${cpuProp} ${cpu} is not a Fargate size`,
      `use one of ${FARGATE_CPU_VALUES.map((v) => v / perUnit).join(", ")}`,
    );
  }
  if (!options.includes(memoryMiB)) {
    throw fail(
      `Fargate does not accept ${memoryMiB} MiB with ${cpuProp} ${cpu}`,
      `use memoryMiB ${describeFargateMemory(units)}, or another ${cpuProp}`,
    );
  }
}
