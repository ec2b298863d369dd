import { DevicePermission, ecs } from "../../lib";
import { renderContainerDefinition } from "../../lib/private/container-definition";

describe("renderContainerDefinition", () => {
  test("renders the ECS API shape with repository credentials", () => {
    expect(
      renderContainerDefinition({
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
      repositoryCredentials: {
        credentialsParameter: "arn:aws:secretsmanager:us-east-1:111122223333:secret:quay-AbCdEf",
      },
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
    expect(renderContainerDefinition({ name: "web", image: "nginx", essential: false })).toEqual({
      name: "web",
      image: "nginx",
      essential: false,
    });
  });

  test("in Batch's shape: vCPUs and memory as resource requirements, device permissions in capitals", () => {
    const spec = {
      image: "org/job:1",
      resources: { vcpus: 2, memoryMiB: 4096 },
      gpuCount: 1,
      linuxParameters: {
        devices: [{ hostPath: "/dev/fuse", permissions: [DevicePermission.READ, DevicePermission.MKNOD] }],
      },
    };
    expect(renderContainerDefinition(spec, true)).toEqual({
      image: "org/job:1",
      resourceRequirements: [
        { type: "VCPU", value: "2" },
        { type: "MEMORY", value: "4096" },
        { type: "GPU", value: "1" },
      ],
      linuxParameters: { devices: [{ hostPath: "/dev/fuse", permissions: ["READ", "MKNOD"] }] },
    });
    expect(renderContainerDefinition(spec).linuxParameters).toEqual({
      devices: [{ hostPath: "/dev/fuse", permissions: ["read", "mknod"] }],
    });
  });
});
