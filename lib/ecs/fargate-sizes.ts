/**
 * Task sizes Fargate accepts (Linux), from the ECS developer guide's task size table: for each CPU value, the
 * allowed memory range in MiB and its step.
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

/** The memory values Fargate accepts for `cpu`, or undefined when `cpu` itself is not a Fargate size. */
export function fargateMemoryOptions(cpu: number): number[] | undefined {
  const size = FARGATE_SIZES.find((s) => s.cpu === cpu);
  if (!size) return undefined;
  const values = new Set(size.extra ?? []);
  for (let m = size.min; m <= size.max; m += size.step) values.add(m);
  return [...values].sort((a, b) => a - b);
}

/** The CPU values Fargate accepts. */
export const FARGATE_CPU_VALUES = FARGATE_SIZES.map((s) => s.cpu);

/** Describes the accepted memory values compactly, e.g. "1024-4096 in steps of 1024". */
export function describeFargateMemory(cpu: number): string {
  const size = FARGATE_SIZES.find((s) => s.cpu === cpu)!;
  const extra = size.extra ? `${size.extra.join(", ")}, ` : "";
  return `${extra}${size.min}-${size.max} in steps of ${size.step}`;
}
