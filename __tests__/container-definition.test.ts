import { ecs } from "../lib";

describe("renderContainerDefinition", () => {
  test("renders the ECS API shape with repository credentials", () => {
    expect(
      ecs.renderContainerDefinition({
        name: "app",
        image: "quay.io/org/app:1",
        credentialsParameter: "arn:aws:secretsmanager:us-east-1:111122223333:secret:quay-AbCdEf",
        essential: true,
        memoryMiB: 512,
        portMappings: [{ containerPort: 80 }, { containerPort: 53, hostPort: 53, protocol: ecs.Protocol.UDP }],
        environment: { ZED: "z", ALPHA: "a" },
        command: ["serve"],
      }),
    ).toEqual({
      name: "app",
      image: "quay.io/org/app:1",
      repositoryCredentials: { credentialsParameter: "arn:aws:secretsmanager:us-east-1:111122223333:secret:quay-AbCdEf" },
      essential: true,
      memory: 512,
      portMappings: [
        { containerPort: 80, protocol: "tcp" },
        { containerPort: 53, hostPort: 53, protocol: "udp" },
      ],
      environment: [
        { name: "ALPHA", value: "a" },
        { name: "ZED", value: "z" },
      ],
      command: ["serve"],
    });
  });

  test("omits what was not given, including repositoryCredentials for public images", () => {
    expect(ecs.renderContainerDefinition({ name: "web", image: "nginx", essential: false })).toEqual({
      name: "web",
      image: "nginx",
      essential: false,
    });
  });
});

describe("Fargate sizes", () => {
  test.each([
    [256, [512, 1024, 2048]],
    [512, [1024, 2048, 3072, 4096]],
  ])("cpu %d accepts exactly %j", (cpu, memory) => {
    expect(ecs.fargateMemoryOptions(cpu)).toEqual(memory);
  });

  test("large sizes step by 4 and 8 GiB", () => {
    expect(ecs.fargateMemoryOptions(8192)!.slice(0, 3)).toEqual([16384, 20480, 24576]);
    expect(ecs.fargateMemoryOptions(16384)!.slice(-2)).toEqual([114688, 122880]);
    expect(ecs.fargateMemoryOptions(4096)!.at(-1)).toBe(30720);
  });

  test("unknown cpu values have no sizes", () => {
    expect(ecs.fargateMemoryOptions(300)).toBeUndefined();
  });
});
