import { TerraformStack } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import {
  Capability,
  ContainerDependencyCondition,
  CpuArchitecture,
  IpcMode,
  PidMode,
  ContainerImage,
  ContainerSecret,
  DevicePermission,
  DockerVolumeScope,
  FirelensLogRouterType,
  LogDriver,
  UlimitName,
  batch,
  ecs,
} from "../../lib";
import { KEY_ARN, hub, quay, testStack } from "./stacks";

// Stacks that set every prop the library has, so the coverage test can see each API member rendered and the model
// test can judge every member's value. Each prop appears in at least one; the combinations are ones AWS accepts.

export const SM_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-Ab12Cd";
export const PARAMETER_ARN = "arn:aws:ssm:eu-west-1:111122223333:parameter/app/flags";
const role = (stack: TerraformStack, id: string) => new IamRole(stack, id, { assumeRolePolicy: "{}" });
const sidecar = {
  image: ContainerImage.fromRegistry("public.ecr.aws/docker/library/busybox:1.36"),
  essential: false,
  memoryMiB: 64,
};

/** ECS on EC2 with bridge networking: every container option that needs neither awsvpc nor Fargate. */
export function fullEc2Task(stack = testStack("full-ec2")): TerraformStack {
  const task = new ecs.TaskDefinition(stack, "Bridge", {
    family: "full-bridge",
    compatibility: ecs.Compatibility.EC2,
    networkMode: ecs.NetworkMode.BRIDGE,
    cpu: 2048,
    memoryMiB: 4096,
    taskRole: role(stack, "TaskRole"),
    pidMode: PidMode.TASK,
    ipcMode: IpcMode.TASK,
    placementConstraints: [{ expression: "attribute:ecs.instance-type =~ g5.*" }],
    enableFaultInjection: true,
    skipDestroy: true,
    trackLatest: true,
    tags: { team: "platform" },
    volumes: [
      { name: "host", hostPath: "/var/data" },
      {
        name: "docker",
        dockerVolume: {
          scope: DockerVolumeScope.SHARED,
          autoprovision: true,
          driver: "local",
          driverOpts: { type: "tmpfs" },
          labels: { a: "b" },
        },
      },
      {
        name: "efs",
        efs: {
          fileSystemId: "fs-0123456789abcdef0",
          rootDirectory: "/exports",
          transitEncryption: true,
          transitEncryptionPort: 2049,
        },
      },
      { name: "ebs", configuredAtLaunch: true },
      { name: "scratch" },
    ],
  });
  task.addContainer("router", {
    ...sidecar,
    essential: true,
    firelensConfig: {
      routerType: FirelensLogRouterType.FLUENTBIT,
      options: {
        "enable-ecs-log-metadata": "true",
        "config-file-type": "s3",
        "config-file-value": "arn:aws:s3:::conf/fluent.conf",
      },
    },
    healthCheck: {
      command: ["CMD-SHELL", "true"],
      intervalSeconds: 10,
      timeoutSeconds: 5,
      retries: 2,
      startPeriodSeconds: 5,
    },
  });
  task.addContainer("init", { ...sidecar, command: ["sh", "-c", "true"] });
  task.addContainer("app", {
    image: ContainerImage.fromRegistry("quay.io/org/app:1", { credentials: quay() }),
    cpu: 1024,
    memoryMiB: 2048,
    memoryReservationMiB: 1024,
    gpuCount: 1,
    links: ["router"],
    portMappings: [
      {
        containerPort: 8080,
        hostPort: 80,
        protocol: ecs.Protocol.TCP,
        name: "http",
        appProtocol: ecs.AppProtocol.HTTP2,
      },
    ],
    restartPolicy: { enabled: true, ignoredExitCodes: [0], restartAttemptPeriodSeconds: 120 },
    entryPoint: ["/entry"],
    command: ["serve"],
    environment: { MODE: "full" },
    environmentFiles: [ecs.EnvironmentFile.fromS3Object("config-bucket", "app/prod.env", { kmsKeyArn: KEY_ARN })],
    mountPoints: [
      { sourceVolume: "host", containerPath: "/data", readOnly: true },
      { sourceVolume: "efs", containerPath: "/efs" },
    ],
    volumesFrom: [{ sourceContainer: "init", readOnly: true }],
    linuxParameters: {
      addCapabilities: [Capability.NET_ADMIN],
      dropCapabilities: [Capability.MKNOD],
      devices: [
        {
          hostPath: "/dev/fuse",
          containerPath: "/dev/fuse",
          permissions: [DevicePermission.READ, DevicePermission.WRITE],
        },
      ],
      initProcessEnabled: true,
      sharedMemorySizeMiB: 256,
      tmpfs: [{ containerPath: "/tmp", sizeMiB: 64, mountOptions: ["rw", "noexec"] }],
      maxSwapMiB: 1024,
      swappiness: 10,
    },
    secrets: {
      DB_PASSWORD: ContainerSecret.fromSecretsManager(SM_ARN, {
        field: "password",
        versionStage: "AWSCURRENT",
        kmsKeyArn: KEY_ARN,
      }),
      FLAGS: ContainerSecret.fromSsmParameterArn(PARAMETER_ARN, { kmsKeyArn: KEY_ARN }),
      TOKEN: ContainerSecret.fromSsmParameterName("/app/token"),
    },
    dependsOn: [
      { containerName: "router", condition: ContainerDependencyCondition.HEALTHY },
      { containerName: "init", condition: ContainerDependencyCondition.SUCCESS },
    ],
    startTimeoutSeconds: 60,
    stopTimeoutSeconds: 60,
    versionConsistency: ecs.VersionConsistency.DISABLED,
    hostname: "app",
    user: "1000:1000",
    workingDirectory: "/srv",
    disableNetworking: false,
    privileged: true,
    readonlyRootFilesystem: true,
    dnsServers: ["10.0.0.2"],
    dnsSearchDomains: ["corp.example.com"],
    extraHosts: [{ hostname: "db", ipAddress: "10.0.0.5" }],
    dockerSecurityOptions: ["no-new-privileges"],
    interactive: true,
    pseudoTerminal: true,
    dockerLabels: { "com.example.team": "platform" },
    ulimits: [{ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }],
    logging: LogDriver.generic({
      logDriver: "awsfirelens",
      options: { Name: "splunk" },
      secretOptions: { splunk_token: ContainerSecret.fromSecretsManager(SM_ARN, { field: "splunk" }) },
    }),
    systemControls: [{ name: "net.core.somaxconn", value: "1024" }],
    credentialSpecs: ["credentialspec:arn:aws:ssm:eu-west-1:111122223333:parameter/gmsa"],
  });
  return stack;
}

/** ECS on EC2 with awsvpc: the App Mesh proxy and a Windows-free task role by ARN. */
export function fullAwsvpcTask(stack = testStack("full-awsvpc")): TerraformStack {
  const task = new ecs.TaskDefinition(stack, "Mesh", {
    family: "full-mesh",
    compatibility: ecs.Compatibility.EC2,
    networkMode: ecs.NetworkMode.AWS_VPC,
    memoryMiB: 1024,
    taskRoleArn: "arn:aws:iam::111122223333:role/app",
    proxyConfiguration: {
      containerName: "envoy",
      properties: { AppPorts: "8080", ProxyIngressPort: "15000", ProxyEgressPort: "15001", IgnoredUID: "1337" },
    },
  });
  task.addContainer("envoy", {
    image: ContainerImage.fromRegistry("public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.4.0-prod"),
    user: "1337",
  });
  task.addContainer("app", {
    image: ContainerImage.fromRegistry("org/app:1", { credentials: hub() }),
    portMappings: [{ containerPortRange: "9000-9010" }],
  });
  return stack;
}

/** ECS on Fargate, Linux ARM64 and Windows: ephemeral storage, runtime platform, an FSx share. */
export function fullFargateTasks(stack = testStack("full-fargate")): TerraformStack {
  new ecs.TaskDefinition(stack, "Arm", {
    family: "full-arm",
    compatibility: ecs.Compatibility.FARGATE,
    cpuArchitecture: CpuArchitecture.ARM64,
    ephemeralStorageGiB: 50,
  }).addContainer("app", {
    image: ContainerImage.fromRegistry("nginx:1.27"),
    linuxParameters: { addCapabilities: [Capability.SYS_PTRACE] },
  });
  new ecs.TaskDefinition(stack, "Windows", {
    family: "full-windows",
    compatibility: ecs.Compatibility.EC2,
    operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
    memoryMiB: 2048,
    volumes: [
      {
        name: "share",
        fsxWindowsFileServer: {
          fileSystemId: "fs-0123456789abcdef0",
          rootDirectory: "\\share",
          domain: "corp.example.com",
          credentials: ContainerSecret.fromSecretsManager(SM_ARN),
        },
      },
    ],
  }).addContainer("app", {
    image: ContainerImage.fromRegistry("mcr.microsoft.com/windows/servercore:ltsc2022"),
    mountPoints: [{ sourceVolume: "share", containerPath: "C:\\share" }],
  });
  return stack;
}

/** Batch: a single-container job on Fargate and on EC2, and a multi-container job, every prop set somewhere. */
export function fullBatchJobs(stack = testStack("full-batch")): TerraformStack {
  new batch.JobDefinition(stack, "Fargate", {
    platform: batch.Platform.FARGATE,
    image: ContainerImage.fromRegistry("quay.io/org/job:1", { credentials: quay() }),
    vcpus: 1,
    memoryMiB: 2048,
    jobRoleArn: "arn:aws:iam::111122223333:role/job",
    fargatePlatformVersion: "1.4.0",
    assignPublicIp: true,
    ephemeralStorageGiB: 100,
    cpuArchitecture: CpuArchitecture.ARM64,
    enableExecuteCommand: true,
    volumes: [
      {
        name: "efs",
        efs: {
          fileSystemId: "fs-0123456789abcdef0",
          accessPointId: "fsap-0123456789abcdef0",
          transitEncryption: true,
          iamAuthorization: true,
        },
      },
    ],
    mountPoints: [{ sourceVolume: "efs", containerPath: "/efs" }],
    secrets: { DB: ContainerSecret.fromSecretsManager(SM_ARN) },
    readonlyRootFilesystem: true,
    user: "1000",
    linuxParameters: { initProcessEnabled: true },
    logging: LogDriver.awsLogs({ logGroupName: "/batch/full", streamPrefix: "job" }),
  });
  new batch.JobDefinition(stack, "Ec2", {
    platform: batch.Platform.EC2,
    image: ContainerImage.fromRegistry("org/job:1", { credentials: hub() }),
    vcpus: 4,
    memoryMiB: 8192,
    gpuCount: 1,
    command: ["run", "Ref::input"],
    environment: { MODE: "full" },
    jobRole: role(stack, "JobRole"),
    privileged: true,
    ulimits: [{ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }],
    linuxParameters: {
      devices: [{ hostPath: "/dev/fuse", permissions: [DevicePermission.READ] }],
      sharedMemorySizeMiB: 1024,
      tmpfs: [{ containerPath: "/tmp", sizeMiB: 128 }],
      maxSwapMiB: 512,
      swappiness: 20,
    },
    volumes: [{ name: "host", hostPath: "/var/scratch" }],
    mountPoints: [{ sourceVolume: "host", containerPath: "/scratch" }],
    parameters: { input: "s3://bucket/input" },
    propagateTags: true,
    schedulingPriority: 10,
    retryAttempts: 3,
    retryConditions: [
      { action: batch.RetryAction.RETRY, onStatusReason: "Host EC2*", onReason: "*", onExitCode: "137" },
    ],
    timeoutSeconds: 3600,
    tags: { team: "data" },
  });
  const multi = new batch.MultiContainerJobDefinition(stack, "Multi", {
    platform: batch.Platform.FARGATE,
    pidMode: PidMode.TASK,
    jobRoleArn: "arn:aws:iam::111122223333:role/job",
    ephemeralStorageGiB: 30,
    cpuArchitecture: CpuArchitecture.X86_64,
    enableExecuteCommand: true,
    volumes: [{ name: "shared" }],
  });
  multi.addContainer("router", {
    image: ContainerImage.fromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
    vcpus: 0.25,
    memoryMiB: 512,
    firelensConfig: { routerType: FirelensLogRouterType.FLUENTBIT },
  });
  multi.addContainer("main", {
    image: ContainerImage.fromRegistry("quay.io/org/main:1", { credentials: quay() }),
    vcpus: 0.75,
    memoryMiB: 1536,
    essential: true,
    command: ["main"],
    environment: { MODE: "full" },
    secrets: { DB: ContainerSecret.fromSecretsManager(SM_ARN) },
    mountPoints: [{ sourceVolume: "shared", containerPath: "/shared" }],
    readonlyRootFilesystem: true,
    user: "1000",
    linuxParameters: { initProcessEnabled: true },
    ulimits: [{ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }],
    dependsOn: [{ containerName: "router", condition: ContainerDependencyCondition.START }],
    startTimeoutSeconds: 30,
    stopTimeoutSeconds: 30,
    logging: LogDriver.generic({ logDriver: "awsfirelens", options: { Name: "cloudwatch" } }),
  });
  const gpu = new batch.MultiContainerJobDefinition(stack, "Gpu", {
    platform: batch.Platform.EC2,
    ipcMode: IpcMode.HOST,
    pidMode: PidMode.HOST,
  });
  gpu.addContainer("trainer", {
    image: ContainerImage.fromRegistry("org/trainer:1", { credentials: hub() }),
    vcpus: 8,
    memoryMiB: 30000,
    gpuCount: 2,
    privileged: true,
  });
  return stack;
}
