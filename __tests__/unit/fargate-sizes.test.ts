import { fargateMemoryOptions } from "../../lib/private/fargate-sizes";

describe("Fargate sizes", () => {
  test.each([
    [256, [512, 1024, 2048]],
    [512, [1024, 2048, 3072, 4096]],
  ])("cpu %d accepts exactly %j", (cpu, memory) => {
    expect(fargateMemoryOptions(cpu)).toEqual(memory);
  });

  test("large sizes step by 4 and 8 GiB", () => {
    expect(fargateMemoryOptions(8192)!.slice(0, 3)).toEqual([16384, 20480, 24576]);
    expect(fargateMemoryOptions(16384)!.slice(-2)).toEqual([114688, 122880]);
    expect(fargateMemoryOptions(4096)!.at(-1)).toBe(30720);
  });

  test("unknown cpu values have no sizes", () => {
    expect(fargateMemoryOptions(300)).toBeUndefined();
  });
});
