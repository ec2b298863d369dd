import * as fs from "fs";
import * as path from "path";
import { Lazy, TerraformStack, TerraformVariable } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import {
  Capability,
  ContainerImage,
  ContainerSecret,
  CpuArchitecture,
  EphemeralVariable,
  InstanceRegistryAuth,
  IpcMode,
  PidMode,
  DevicePermission,
  LogDriver,
  PullThroughCache,
  RegistryCredentials,
  RegistrySecret,
  UlimitName,
  UpstreamRegistry,
  ValidationError,
  batch,
  ecs,
} from "../../lib";
import { network, quay, SECRET_ARN, testStack } from "../support/stacks";

/** The construct kind or factory class an error's source names: `ecs.TaskDefinition`, `ContainerImage`. */
const kindOf = (source: string) => {
  const call = source.split(/[ (]/)[0];
  return /^(ecs|batch)\./.test(call) ? call.split(".").slice(0, 2).join(".") : call.split(".")[0];
};

type Case = [string, string, (stack: TerraformStack) => unknown];

const fargate = (stack: TerraformStack, props: Partial<ecs.TaskDefinitionProps> = {}) =>
  new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.FARGATE, ...props });
const job = (stack: TerraformStack, props: Partial<batch.JobDefinitionProps>) =>
  new batch.JobDefinition(stack, "Job", {
    platform: batch.Platform.EC2,
    image: ContainerImage.fromRegistry("nginx"),
    ...props,
  });
const ce = (stack: TerraformStack, props: Partial<batch.ComputeEnvironmentProps>) =>
  new batch.ComputeEnvironment(stack, "CE", { registryCredentials: [quay()], ...network, ...props });

// [what, expected source, how]: every kind of construct and factory a user calls, with one bad input each or more.
const CASES: Case[] = [
  ["image reference", 'ContainerImage.fromRegistry("MyOrg/app")', () => ContainerImage.fromRegistry("MyOrg/app")],
  [
    "ECR image with credentials",
    'ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/a")',
    () => ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/a", { credentials: quay() }),
  ],
  [
    "secret of another service",
    'RegistryCredentials.fromSecretArn("arn:aws:ssm:eu-west-1:111122223333:parameter/x")',
    () => RegistryCredentials.fromSecretArn("arn:aws:ssm:eu-west-1:111122223333:parameter/x"),
  ],
  [
    "complete ARN without suffix",
    'RegistryCredentials.fromSecretCompleteArn("arn:aws:secretsmanager:eu-west-1:111122223333:secret:x")',
    () => RegistryCredentials.fromSecretCompleteArn("arn:aws:secretsmanager:eu-west-1:111122223333:secret:x"),
  ],
  [
    "partial ARN that is a name",
    'RegistryCredentials.fromSecretPartialArn("x")',
    () => RegistryCredentials.fromSecretPartialArn("x"),
  ],
  [
    "name that is an ARN",
    `RegistryCredentials.fromSecretName(${JSON.stringify(SECRET_ARN)})`,
    () => RegistryCredentials.fromSecretName(SECRET_ARN),
  ],
  [
    "KMS alias",
    `RegistryCredentials.fromSecretCompleteArn(${JSON.stringify(SECRET_ARN)})`,
    () =>
      RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, {
        kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/x",
      }),
  ],
  [
    "registry URL",
    `RegistryCredentials.fromSecretCompleteArn(${JSON.stringify(SECRET_ARN)})`,
    () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "https://quay.io" }),
  ],
  [
    "registry host with capitals",
    `RegistryCredentials.fromSecretCompleteArn(${JSON.stringify(SECRET_ARN)})`,
    () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "Quay.io" }),
  ],
  [
    "literal password",
    "RegistrySecret test/S",
    (s) => new RegistrySecret(s, "S", { registry: "quay.io", username: "u", password: "hunter2" }),
  ],
  [
    "secret recovery window",
    "RegistrySecret test/S",
    (s) =>
      new RegistrySecret(s, "S", { registry: "quay.io", username: "u", password: "${var.x}", recoveryWindowInDays: 3 }),
  ],
  ["log driver name", 'LogDriver.generic("Not A Driver")', () => LogDriver.generic({ logDriver: "Not A Driver" })],
  ["Fargate size", "ecs.TaskDefinition test/Task", (s) => fargate(s, { cpu: 300 })],
  ["family", "ecs.TaskDefinition test/Task", (s) => fargate(s, { family: "a b" })],
  [
    "container name",
    "ecs.TaskDefinition test/Task",
    (s) => fargate(s).addContainer("a b", { image: ContainerImage.fromRegistry("nginx") }),
  ],
  [
    "port",
    "ecs.TaskDefinition test/Task",
    (s) =>
      fargate(s).addContainer("a", {
        image: ContainerImage.fromRegistry("nginx"),
        portMappings: [{ containerPort: 70000 }],
      }),
  ],
  ["Batch Fargate size", "batch.JobDefinition test/Job", (s) => job(s, { platform: batch.Platform.FARGATE, vcpus: 3 })],
  [
    "Batch platform version",
    "batch.JobDefinition test/Job",
    (s) => job(s, { platform: batch.Platform.FARGATE, fargatePlatformVersion: "1.1.0" }),
  ],
  ["Batch retries", "batch.JobDefinition test/Job", (s) => job(s, { retryAttempts: 0 })],
  ["Batch job name", "batch.JobDefinition test/Job", (s) => job(s, { name: "a/b" })],
  [
    "source-account condition on a given role",
    "batch.JobDefinition test/Job",
    (s) => job(s, { executionRole: new IamRole(s, "R", { assumeRolePolicy: "{}" }), sourceAccountCondition: true }),
  ],
  [
    "source-account condition on a given task role",
    "ecs.TaskDefinition test/Task",
    (s) => fargate(s, { executionRole: new IamRole(s, "R", { assumeRolePolicy: "{}" }), sourceAccountCondition: true }),
  ],
  [
    "compute environment credentials without registry",
    "batch.ComputeEnvironment test/CE",
    (s) => ce(s, { registryCredentials: [RegistryCredentials.fromSecretCompleteArn(SECRET_ARN)] }),
  ],
  ["compute environment vCPU range", "batch.ComputeEnvironment test/CE", (s) => ce(s, { minVcpus: 5, maxVcpus: 1 })],
  [
    "user-data part with the boundary",
    "batch.ComputeEnvironment test/CE",
    (s) =>
      ce(s, { userDataParts: [{ contentType: "text/x-shellscript", content: "==cdktf-private-registry-7f3c1a==" }] }),
  ],
  [
    "Spot strategy on On-Demand",
    "batch.ComputeEnvironment test/CE",
    (s) => ce(s, { allocationStrategy: batch.AllocationStrategy.SPOT_CAPACITY_OPTIMIZED }),
  ],
  ["job queue size", "batch.JobQueue test/Q", (s) => new batch.JobQueue(s, "Q", { computeEnvironments: [] })],
  [
    "instance auth without credentials",
    "InstanceRegistryAuth test/Auth",
    (s) => new InstanceRegistryAuth(s, "Auth", { registryCredentials: [] }),
  ],
];

// More of the same, one row per way to get each input wrong: the catalogue a hostile user would try.
const C = (s: string) => `RegistryCredentials.fromSecretCompleteArn(${JSON.stringify(s)})`;
const ARN_OF = (name: string) => `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${name}`;
const image = (ref: string): Case => [
  `image reference ${JSON.stringify(ref)}`,
  `ContainerImage.fromRegistry(${JSON.stringify(ref)})`,
  () => ContainerImage.fromRegistry(ref),
];
const secret = (arn: string): Case => [
  `secret ARN ${JSON.stringify(arn)}`,
  C(arn),
  () => RegistryCredentials.fromSecretCompleteArn(arn),
];
const task = (name: string, props: Partial<ecs.TaskDefinitionProps>): Case => [
  `task: ${name}`,
  "ecs.TaskDefinition test/Task",
  (s) => fargate(s, props),
];
const container = (name: string, options: object): Case => [
  `container: ${name}`,
  "ecs.TaskDefinition test/Task",
  (s) => fargate(s).addContainer("app", { image: ContainerImage.fromRegistry("nginx"), ...options }),
];
const jobCase = (name: string, props: Partial<batch.JobDefinitionProps>): Case => [
  `job: ${name}`,
  "batch.JobDefinition test/Job",
  (s) => job(s, props),
];
const ceCase = (name: string, props: Partial<batch.ComputeEnvironmentProps>): Case => [
  `compute environment: ${name}`,
  "batch.ComputeEnvironment test/CE",
  (s) => ce(s, props),
];
const queue = (name: string, props: Partial<batch.JobQueueProps>): Case => [
  `job queue: ${name}`,
  "batch.JobQueue test/Q",
  (s) =>
    new batch.JobQueue(s, "Q", {
      computeEnvironments: [{ arn: "arn:aws:batch:eu-west-1:111122223333:compute-environment/x" }],
      ...props,
    }),
];
const registrySecret = (name: string, props: object): Case => [
  `RegistrySecret: ${name}`,
  "RegistrySecret test/S",
  (s) =>
    new RegistrySecret(s, "S", {
      registry: "quay.io",
      username: "u",
      password: Lazy.stringValue({ produce: () => "p" }),
      ...props,
    }),
];
const cache = (name: string, props: object): Case => [
  `cache: ${name}`,
  "PullThroughCache test/Cache",
  (s) => new PullThroughCache(s, "Cache", { upstreams: [{ registry: UpstreamRegistry.QUAY }], ...props }),
];

CASES.push(
  image(""),
  image(" nginx"),
  image("nginx "),
  image("https://quay.io/org/app"),
  image("quay.io/Org/app"),
  image("org/App"),
  image("nginx:"),
  image("nginx:-bad"),
  image(`nginx:${"t".repeat(129)}`),
  image("nginx@sha256:abc"),
  image("nginx@md5"),
  image(`a/${"b".repeat(260)}`),
  image("quay.io/org//app"),
  image("quay.io/org/app_"),
  image("bad_host:5000/app"),
  secret("quay-AbC123"),
  secret(ARN_OF("quay")),
  secret("arn:aws:secretsmanager:eu-west-1:111122223333:parameter/x-AbC123"),
  secret("arn:aws:ssm:eu-west-1:111122223333:parameter/x-AbC123"),
  secret("arn:aws:secretsmanager::111122223333:secret:x-AbC123"),
  secret("arn:aws:secretsmanager:eu-west-1::secret:x-AbC123"),
  secret("arn:aws:secretsmanager:eu-west-1:1111:secret:x-AbC123"),
  secret("arn:other:secretsmanager:eu-west-1:111122223333:secret:x-AbC123"),
  secret(ARN_OF("has space-AbC123")),
  secret("arn:"),
  [
    "secret name with spaces",
    'RegistryCredentials.fromSecretName("a b")',
    () => RegistryCredentials.fromSecretName("a b"),
  ],
  [
    "secret name of 513 characters",
    `RegistryCredentials.fromSecretName(${JSON.stringify("n".repeat(513))})`,
    () => RegistryCredentials.fromSecretName("n".repeat(513)),
  ],
  [
    "KMS key that is a key id",
    C(SECRET_ARN),
    () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { kmsKeyArn: "1234abcd-12ab-34cd-56ef-1234567890ab" }),
  ],
  [
    "KMS key of another service",
    C(SECRET_ARN),
    () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { kmsKeyArn: "arn:aws:s3:::bucket" }),
  ],
  [
    "registry with a path",
    C(SECRET_ARN),
    () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "quay.io/org" }),
  ],
  [
    "registry with a scheme and port",
    C(SECRET_ARN),
    () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "http://r.example.com:5000" }),
  ],
  [
    "registry padded with spaces",
    C(SECRET_ARN),
    () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: " quay.io" }),
  ],
  [
    "credentials for another registry than the image's",
    'ContainerImage.fromRegistry("ghcr.io/org/app")',
    () => ContainerImage.fromRegistry("ghcr.io/org/app", { credentials: quay() }),
  ],
  [
    "Docker Hub credentials on a Quay image",
    'ContainerImage.fromRegistry("quay.io/org/app")',
    () =>
      ContainerImage.fromRegistry("quay.io/org/app", {
        credentials: RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "docker.io" }),
      }),
  ],
  registrySecret("blank username", { username: "" }),
  registrySecret("whitespace username", { username: "   " }),
  registrySecret("multi-line username", { username: "u\nv" }),
  registrySecret("padded username", { username: " u" }),
  registrySecret("a username with a colon", { username: "org:robot" }),
  registrySecret("a username with a control character", { username: "robot\u0007" }),
  registrySecret("a username over a secret's 64 KiB", { username: "u".repeat(65537) }),
  cache("an upstream username with a colon", {
    upstreams: [{ registry: UpstreamRegistry.GITHUB, username: "org:robot", accessToken: "${var.token}" }],
  }),
  registrySecret("registry URL", { registry: "https://quay.io" }),
  registrySecret("password version 0", { passwordVersion: 0 }),
  registrySecret("fractional password version", { passwordVersion: 1.5 }),
  registrySecret("recovery window 31", { recoveryWindowInDays: 31 }),
  registrySecret("secret name with spaces", { name: "a b" }),
  registrySecret("KMS alias", { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/x" }),
  registrySecret("reserved tag key", { tags: { "aws:owner": "me" } }),
  registrySecret("51 tags", { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }),
  registrySecret("tag value of 257 characters", { tags: { k: "v".repeat(257) } }),
  task("Fargate cpu 128", { cpu: 128 }),
  task("Fargate memory off the table", { cpu: 512, memoryMiB: 1536 }),
  task("Fargate bridge networking", { networkMode: ecs.NetworkMode.BRIDGE }),
  task("family of 256 characters", { family: "f".repeat(256) }),
  task("family with a slash", { family: "a/b" }),
  task("EC2 cpu 0", { compatibility: ecs.Compatibility.EC2, cpu: 0 }),
  task("EC2 fractional memory", { compatibility: ecs.Compatibility.EC2, memoryMiB: 512.5 }),
  task("reserved tag key on a task", { tags: { "AWS:x": "y" } }),
  container("host port on awsvpc", { portMappings: [{ containerPort: 80, hostPort: 8080 }] }),
  container("negative port", { portMappings: [{ containerPort: -1 }] }),
  container("fractional port", { portMappings: [{ containerPort: 80.5 }] }),
  container("container memory above the task's", { memoryMiB: 4096 }),
  container("reservation above the limit", { memoryMiB: 256, memoryReservationMiB: 300 }),
  container("environment name with =", { environment: { "A=B": "1" } }),
  container("empty environment name", { environment: { "": "1" } }),
  container("environment name with a space", { environment: { "MY VAR": "1" } }),
  container("relative working directory", { workingDirectory: "srv/app" }),
  [
    "a second container of the same name",
    "ecs.TaskDefinition test/Task",
    (s) => {
      const t = fargate(s);
      t.addContainer("app", { image: ContainerImage.fromRegistry("nginx") });
      t.addContainer("app", { image: ContainerImage.fromRegistry("nginx") });
    },
  ],
  [
    "EC2 container without memory",
    "ecs.TaskDefinition test/Task",
    (s) =>
      new ecs.TaskDefinition(s, "Task", { family: "a", compatibility: ecs.Compatibility.EC2 }).addContainer("app", {
        image: ContainerImage.fromRegistry("nginx"),
      }),
  ],
  jobCase("Fargate 0.3 vCPU", { platform: batch.Platform.FARGATE, vcpus: 0.3 }),
  jobCase("Fargate memory off the table", { platform: batch.Platform.FARGATE, vcpus: 1, memoryMiB: 1024 }),
  jobCase("Fargate platform 1.1.0", { platform: batch.Platform.FARGATE, fargatePlatformVersion: "1.1.0" }),
  jobCase("Fargate platform not a version", { platform: batch.Platform.FARGATE, fargatePlatformVersion: "latest" }),
  jobCase("EC2 0 vCPUs", { vcpus: 0 }),
  jobCase("EC2 fractional vCPUs", { vcpus: 1.5 }),
  jobCase("EC2 memory 2 MiB", { memoryMiB: 2 }),
  jobCase("public IP on EC2", { assignPublicIp: true }),
  jobCase("platform version on EC2", { fargatePlatformVersion: "1.4.0" }),
  jobCase("11 attempts", { retryAttempts: 11 }),
  jobCase("fractional attempts", { retryAttempts: 1.5 }),
  jobCase("timeout 59 s", { timeoutSeconds: 59 }),
  jobCase("reserved AWS_BATCH variable", { environment: { AWS_BATCH_JOB_ID: "x" } }),
  jobCase("environment name with =", { environment: { "A=B": "1" } }),
  jobCase("job name of 129 characters", { name: "j".repeat(129) }),
  jobCase("reserved tag key on a job", { tags: { "aws:cost": "x" } }),
  ceCase("no credentials", { registryCredentials: [] }),
  ceCase("credentials without a registry", {
    registryCredentials: [RegistryCredentials.fromSecretCompleteArn(SECRET_ARN)],
  }),
  ceCase("the same registry twice", {
    registryCredentials: [
      quay(),
      RegistryCredentials.fromSecretCompleteArn(SECRET_ARN.replace("quay", "q2"), { registry: "quay.io" }),
    ],
  }),
  ceCase("Docker Hub under two names", {
    registryCredentials: [
      RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "docker.io" }),
      RegistryCredentials.fromSecretCompleteArn(SECRET_ARN.replace("quay", "q2"), { registry: "index.docker.io" }),
    ],
  }),
  ceCase("no subnets", { subnetIds: [] }),
  ceCase("a subnet id of the wrong shape", { subnetIds: ["subnet-1"] }),
  ceCase("a security group id where a subnet goes", { subnetIds: ["sg-0a1b2c3d"] }),
  ceCase("a security group id of the wrong shape", { securityGroupIds: ["sg-xyz"] }),
  ceCase("an AMI id of the wrong shape", { imageId: "ami-123" }),
  ceCase("an AMI name", { imageId: "amzn2-ami-ecs" }),
  ceCase("no instance types", { instanceTypes: [] }),
  ceCase("an instance type in capitals", { instanceTypes: ["M5.large"] }),
  ceCase("an instance type with spaces", { instanceTypes: ["m5 large"] }),
  ceCase("min above max vCPUs", { minVcpus: 10, maxVcpus: 5 }),
  ceCase("negative min vCPUs", { minVcpus: -1 }),
  ceCase("fractional max vCPUs", { maxVcpus: 1.5 }),
  ceCase("bid percentage on On-Demand", { bidPercentage: 50 }),
  ceCase("bid percentage 0", { spot: true, bidPercentage: 0 }),
  ceCase("bid percentage 101", { spot: true, bidPercentage: 101 }),
  ceCase("a Spot strategy on On-Demand", {
    allocationStrategy: batch.AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED,
  }),
  ceCase("update timeout 0", { updateTimeoutMinutes: 0 }),
  ceCase("update timeout 361", { updateTimeoutMinutes: 361 }),
  ceCase("refresh every 4 minutes", { refreshCredentialsMinutes: 4 }),
  ceCase("a name with spaces", { name: "a b" }),
  ceCase("a user part that is not MIME", { userDataParts: [{ contentType: "shell", content: "echo" }] }),
  ceCase("user data over 16 KB", {
    userDataParts: [{ contentType: "text/x-shellscript", content: "x".repeat(17000) }],
  }),
  ceCase("reserved tag key", { tags: { "aws:x": "y" } }),
  queue("4 compute environments", { computeEnvironments: [1, 2, 3, 4].map((i) => ({ arn: `arn:${i}` })) }),
  queue("priority -1", { priority: -1 }),
  queue("priority 1.5", { priority: 1.5 }),
  queue("priority 1001", { priority: 1001 }),
  queue("a name with a slash", { name: "a/b" }),
  queue("reserved tag key", { tags: { "aws:x": "y" } }),
  cache("no upstreams", { upstreams: [] }),
  cache("Docker Hub without credentials", { upstreams: [{ registry: UpstreamRegistry.DOCKER_HUB }] }),
  cache("credentials for Quay", {
    upstreams: [
      { registry: UpstreamRegistry.QUAY, username: "u", accessToken: Lazy.stringValue({ produce: () => "t" }) },
    ],
  }),
  cache("a literal access token", {
    upstreams: [{ registry: UpstreamRegistry.GITHUB, username: "u", accessToken: "ghp_literal" }],
  }),
  cache("a secret without the ecr-pullthroughcache/ prefix", {
    upstreams: [{ registry: UpstreamRegistry.GITHUB, credentialSecretArn: SECRET_ARN }],
  }),
  cache("a partial credential secret ARN", {
    upstreams: [{ registry: UpstreamRegistry.GITHUB, credentialSecretArn: ARN_OF("ecr-pullthroughcache/gh") }],
  }),
  cache("a prefix in capitals", { upstreams: [{ registry: UpstreamRegistry.QUAY, repositoryPrefix: "Quay" }] }),
  cache("a prefix of 31 characters", {
    upstreams: [{ registry: UpstreamRegistry.QUAY, repositoryPrefix: "q".repeat(31) }],
  }),
  cache("a prefix with a trailing slash", {
    upstreams: [{ registry: UpstreamRegistry.QUAY, repositoryPrefix: "quay/" }],
  }),
  cache("keepImages 0", { keepImages: 0 }),
  cache("Azure without a host", {
    upstreams: [{ registry: UpstreamRegistry.AZURE, credentialSecretArn: ARN_OF("ecr-pullthroughcache/acr-AbC123") }],
  }),
  cache("an Azure host elsewhere", {
    upstreams: [
      {
        registry: UpstreamRegistry.AZURE,
        azureRegistryHost: "acr.example.com",
        credentialSecretArn: ARN_OF("ecr-pullthroughcache/acr-AbC123"),
      },
    ],
  }),
  cache("an Azure host on Quay", {
    upstreams: [{ registry: UpstreamRegistry.QUAY, azureRegistryHost: "contoso.azurecr.io" }],
  }),
  cache("an ECR upstream without its account", {
    upstreams: [{ registry: UpstreamRegistry.ECR, ecrRegion: "us-west-2" }],
  }),
  cache("an ECR upstream in a region that is not one", {
    upstreams: [{ registry: UpstreamRegistry.ECR, ecrAccountId: "444455556666", ecrRegion: "usa" }],
  }),
  cache("an upstream repository prefix on Docker Hub", {
    upstreams: [
      {
        registry: UpstreamRegistry.DOCKER_HUB,
        upstreamRepositoryPrefix: "library",
        credentialSecretArn: ARN_OF("ecr-pullthroughcache/hub-AbC123"),
      },
    ],
  }),
  cache("an upstream role that is not a role ARN", {
    upstreams: [
      {
        registry: UpstreamRegistry.ECR,
        ecrAccountId: "444455556666",
        ecrRegion: "us-west-2",
        upstreamRoleArn: "arn:aws:iam::111122223333:user/x",
      },
    ],
  }),
  [
    "a cached ECR image outside the upstream prefix",
    'PullThroughCache test/Cache.image("444455556666.dkr.ecr.us-west-2.amazonaws.com/b/x:1")',
    (s) =>
      new PullThroughCache(s, "Cache", {
        upstreams: [
          {
            registry: UpstreamRegistry.ECR,
            ecrAccountId: "444455556666",
            ecrRegion: "us-west-2",
            upstreamRepositoryPrefix: "ab",
          },
        ],
      }).image("444455556666.dkr.ecr.us-west-2.amazonaws.com/b/x:1"),
  ],
  [
    "ECS capacity with a family for an instance type",
    "ecs.AsgCapacityProvider test/Capacity",
    (s) =>
      new ecs.AsgCapacityProvider(s, "Capacity", {
        clusterName: "apps",
        registryCredentials: [quay()],
        ...network,
        instanceType: "m6i",
      }),
  ],
  [
    "ECS capacity with a reserved name",
    "ecs.AsgCapacityProvider test/Capacity",
    (s) =>
      new ecs.AsgCapacityProvider(s, "Capacity", {
        clusterName: "apps",
        registryCredentials: [quay()],
        ...network,
        instanceType: "t3.small",
        capacityProviderName: "fargate-x",
      }),
  ],
  [
    "a cached image by digest",
    'PullThroughCache test/Cache.image("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")',
    (s) =>
      new PullThroughCache(s, "Cache", { upstreams: [{ registry: UpstreamRegistry.QUAY }] }).image(
        "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      ),
  ],
  [
    "a cached image whose reference does not parse",
    'PullThroughCache test/Cache.image("quay.io/Org/App:1")',
    (s) =>
      new PullThroughCache(s, "Cache", { upstreams: [{ registry: UpstreamRegistry.QUAY }] }).image("quay.io/Org/App:1"),
  ],
  cache("an upstream registry outside the enum, from JavaScript", { upstreams: [{ registry: "DOCKERHUB" }] }),
  cache("an upstream without its registry, from JavaScript", { upstreams: [{}] }),
  [
    "cache: an upstream registry that is a Terraform reference",
    "PullThroughCache test/Cache",
    (s) =>
      new PullThroughCache(s, "Cache", {
        upstreams: [
          { registry: new TerraformVariable(s, "registry", { type: "string" }).stringValue as UpstreamRegistry },
        ],
      }),
  ],
  [
    "a cached image from an upstream without a rule",
    'PullThroughCache test/Cache.image("nginx:1.27")',
    (s) => new PullThroughCache(s, "Cache", { upstreams: [{ registry: UpstreamRegistry.QUAY }] }).image("nginx:1.27"),
  ],
  [
    "a log group name with spaces",
    'LogDriver.awsLogs("my logs")',
    () => LogDriver.awsLogs({ logGroupName: "my logs", streamPrefix: "p" }),
  ],
  [
    "a stream prefix with a colon",
    'LogDriver.awsLogs("/g")',
    () => LogDriver.awsLogs({ logGroupName: "/g", streamPrefix: "a:b" }),
  ],
  ["an empty log driver name", 'LogDriver.generic("")', () => LogDriver.generic({ logDriver: "" })],
  [
    "instance auth: a registry twice",
    "InstanceRegistryAuth test/Auth",
    (s) => new InstanceRegistryAuth(s, "Auth", { registryCredentials: [quay(), quay()] }),
  ],
  [
    "instance auth: a cluster name with a space",
    "InstanceRegistryAuth test/Auth",
    (s) => new InstanceRegistryAuth(s, "Auth", { registryCredentials: [quay()], clusterName: "my cluster" }),
  ],
);

// The workload's props: containers, volumes, secrets, task and job settings (issue 15).
const SM = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-Ab12Cd";
const nginx = ContainerImage.fromRegistry("nginx");
const ec2Task = (s: TerraformStack, props: Partial<ecs.TaskDefinitionProps> = {}) =>
  new ecs.TaskDefinition(s, "Task", { family: "app", compatibility: ecs.Compatibility.EC2, memoryMiB: 1024, ...props });
const ec2Container = (name: string, options: object, props: Partial<ecs.TaskDefinitionProps> = {}): Case => [
  `EC2 container: ${name}`,
  "ecs.TaskDefinition test/Task",
  (s) => ec2Task(s, props).addContainer("app", { image: nginx, ...options }),
];
const windows = (name: string, options: object): Case =>
  ec2Container(`Windows: ${name}`, options, {
    operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
  });
const multi = (name: string, options: object, props: Partial<batch.MultiContainerJobDefinitionProps> = {}): Case => [
  `multi-container job: ${name}`,
  "batch.MultiContainerJobDefinition test/Multi",
  (s) =>
    new batch.MultiContainerJobDefinition(s, "Multi", { platform: batch.Platform.FARGATE, ...props }).addContainer(
      "app",
      { image: nginx, vcpus: 0.25, memoryMiB: 512, ...options },
    ),
];
const smSecret = (name: string, arn: string, options: object = {}): Case => [
  `Secrets Manager secret: ${name}`,
  `ContainerSecret.fromSecretsManager(${JSON.stringify(arn)})`,
  () => ContainerSecret.fromSecretsManager(arn, options),
];
CASES.push(
  smSecret("no suffix", ARN_OF("app/db")),
  smSecret("an SSM ARN", "arn:aws:ssm:eu-west-1:111122223333:parameter/x"),
  smSecret("a name", "app/db"),
  smSecret("a field with a colon", SM, { field: "a:b" }),
  smSecret("a stage and an id", SM, { versionStage: "AWSCURRENT", versionId: "0123456789abcdef0123456789abcdef" }),
  smSecret("a short version id", SM, { versionId: "v1" }),
  smSecret("a KMS alias", SM, { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/x" }),
  [
    "SSM parameter name that is an ARN",
    'ContainerSecret.fromSsmParameterName("arn:aws:ssm:eu-west-1:111122223333:parameter/x")',
    () => ContainerSecret.fromSsmParameterName("arn:aws:ssm:eu-west-1:111122223333:parameter/x"),
  ],
  [
    "SSM parameter name with spaces",
    'ContainerSecret.fromSsmParameterName("/a b")',
    () => ContainerSecret.fromSsmParameterName("/a b"),
  ],
  [
    "SSM parameter ARN that is a name",
    'ContainerSecret.fromSsmParameterArn("/app/x")',
    () => ContainerSecret.fromSsmParameterArn("/app/x"),
  ],
  [
    "SSM parameter ARN of Secrets Manager",
    `ContainerSecret.fromSsmParameterArn(${JSON.stringify(SM)})`,
    () => ContainerSecret.fromSsmParameterArn(SM),
  ],
  [
    "environment file bucket ARN",
    'ecs.EnvironmentFile.fromS3Object("arn:aws:s3:::b", "a.env")',
    () => ecs.EnvironmentFile.fromS3Object("arn:aws:s3:::b", "a.env"),
  ],
  [
    "environment file without .env",
    'ecs.EnvironmentFile.fromS3Object("bucket", "a.txt")',
    () => ecs.EnvironmentFile.fromS3Object("bucket", "a.txt"),
  ],
  [
    "environment file key with a leading slash",
    'ecs.EnvironmentFile.fromS3Object("bucket", "/a.env")',
    () => ecs.EnvironmentFile.fromS3Object("bucket", "/a.env"),
  ],
  container("privileged on Fargate", { privileged: true }),
  container("docker security options on Fargate", { dockerSecurityOptions: ["no-new-privileges"] }),
  container("a GPU on Fargate", { gpuCount: 1 }),
  container("devices on Fargate", { linuxParameters: { devices: [{ hostPath: "/dev/fuse" }] } }),
  container("shared memory on Fargate", { linuxParameters: { sharedMemorySizeMiB: 128 } }),
  container("tmpfs on Fargate", { linuxParameters: { tmpfs: [{ containerPath: "/tmp", sizeMiB: 64 }] } }),
  container("NET_ADMIN on Fargate", { linuxParameters: { addCapabilities: [Capability.NET_ADMIN] } }),
  container("hostname on awsvpc", { hostname: "app" }),
  container("extra hosts on awsvpc", { extraHosts: [{ hostname: "db", ipAddress: "10.0.0.1" }] }),
  container("links on awsvpc", { links: ["db"] }),
  container("a mount of a volume the task lacks", { mountPoints: [{ sourceVolume: "data", containerPath: "/data" }] }),
  container("a relative mount path", { mountPoints: [{ sourceVolume: "data", containerPath: "data" }] }),
  container("a health check without CMD", { healthCheck: { command: ["curl", "-f", "http://localhost/"] } }),
  container("a health check interval of 4 s", { healthCheck: { command: ["CMD", "true"], intervalSeconds: 4 } }),
  container("a health check timeout of 61 s", { healthCheck: { command: ["CMD", "true"], timeoutSeconds: 61 } }),
  container("11 health check retries", { healthCheck: { command: ["CMD", "true"], retries: 11 } }),
  container("a health check of CMD alone", { healthCheck: { command: ["CMD"] } }),
  container("a CMD-SHELL health check split into words", {
    healthCheck: { command: ["CMD-SHELL", "curl", "-f", "http://localhost/"] },
  }),
  container("a stop timeout of 121 s on Fargate", { stopTimeoutSeconds: 121 }),
  container("a start timeout of 1 s on Fargate", { startTimeoutSeconds: 1 }),
  container("a restart period of 59 s", { restartPolicy: { enabled: true, restartAttemptPeriodSeconds: 59 } }),
  container("51 ignored exit codes", {
    restartPolicy: { enabled: true, ignoredExitCodes: Array.from({ length: 51 }, (_, i) => i) },
  }),
  container("a soft ulimit above the hard one", {
    ulimits: [{ name: UlimitName.NOFILE, softLimit: 2048, hardLimit: 1024 }],
  }),
  container("the same ulimit twice", {
    ulimits: [
      { name: UlimitName.NOFILE, softLimit: 1, hardLimit: 1 },
      { name: UlimitName.NOFILE, softLimit: 2, hardLimit: 2 },
    ],
  }),
  container("a user with spaces", { user: "app user" }),
  container("a GPU count of 0.5", { gpuCount: 0.5 }),
  container("a variable both plain and secret", {
    environment: { DB: "x" },
    secrets: { DB: ContainerSecret.fromSecretsManager(SM) },
  }),
  container("a secret name with =", { secrets: { "A=B": ContainerSecret.fromSecretsManager(SM) } }),
  container("11 environment files", {
    environmentFiles: Array.from({ length: 11 }, (_, i) => ecs.EnvironmentFile.fromS3Object("bucket", `f${i}.env`)),
  }),
  container("two credential specs", { credentialSpecs: ["credentialspec:arn:a", "credentialspec:arn:b"] }),
  container("a credential spec without its prefix", {
    credentialSpecs: ["arn:aws:ssm:eu-west-1:111122223333:parameter/gmsa"],
  }),
  container("FireLens config from S3 on Fargate", {
    firelensConfig: { routerType: "fluentbit", options: { "config-file-type": "s3" } },
  }),
  container("additionalProperties setting a typed member", {
    command: ["a"],
    additionalProperties: { command: ["b"] },
  }),
  container("an option ECS containers do not take", { vcpus: 1 }),
  container("a port range with a host port", { portMappings: [{ containerPortRange: "8000-8010", hostPort: 8000 }] }),
  container("a port range backwards", { portMappings: [{ containerPortRange: "8010-8000" }] }),
  container("a port and a port range", { portMappings: [{ containerPort: 80, containerPortRange: "8000-8010" }] }),
  container("an app protocol without a name", {
    portMappings: [{ containerPort: 80, appProtocol: ecs.AppProtocol.HTTP }],
  }),
  ec2Container("swappiness without max swap", { linuxParameters: { swappiness: 10 } }),
  ec2Container("swappiness 101", { linuxParameters: { swappiness: 101, maxSwapMiB: 1 } }),
  ec2Container("a relative device path", {
    linuxParameters: { devices: [{ hostPath: "dev/fuse", permissions: [DevicePermission.READ] }] },
  }),
  ec2Container("a tmpfs of 0 MiB", { linuxParameters: { tmpfs: [{ containerPath: "/tmp", sizeMiB: 0 }] } }),
  ec2Container(
    "ports with networkMode none",
    { portMappings: [{ containerPort: 80 }] },
    { networkMode: ecs.NetworkMode.NONE },
  ),
  windows("a user", { user: "app" }),
  windows("Linux parameters", { linuxParameters: { initProcessEnabled: true } }),
  windows("a read-only root", { readonlyRootFilesystem: true }),
  windows("ulimits", { ulimits: [{ name: UlimitName.NOFILE, softLimit: 1, hardLimit: 1 }] }),
  windows("DNS servers", { dnsServers: ["10.0.0.2"] }),
  task("ephemeral storage of 20 GiB", { ephemeralStorageGiB: 20 }),
  task("ephemeral storage of 201 GiB", { ephemeralStorageGiB: 201 }),
  task("ipcMode on Fargate", { ipcMode: IpcMode.HOST }),
  task("pidMode host on Fargate", { pidMode: PidMode.HOST }),
  task("placement constraints on Fargate", { placementConstraints: [{ expression: "attribute:x == y" }] }),
  task("a host volume on Fargate", { volumes: [{ name: "v", hostPath: "/data" }] }),
  task("a Docker volume on Fargate", { volumes: [{ name: "v", dockerVolume: {} }] }),
  task("an FSx volume on Linux", {
    volumes: [
      {
        name: "v",
        fsxWindowsFileServer: {
          fileSystemId: "fs-0123456789abcdef0",
          rootDirectory: "\\s",
          domain: "d",
          credentials: ContainerSecret.fromSecretsManager(SM),
        },
      },
    ],
  }),
  task("two sources on a volume", {
    volumes: [{ name: "v", efs: { fileSystemId: "fs-0123456789abcdef0" }, configuredAtLaunch: true }],
  }),
  task("two volumes of one name", { volumes: [{ name: "v" }, { name: "v" }] }),
  task("a volume name with a slash", { volumes: [{ name: "a/b" }] }),
  task("an EFS id of the wrong shape", { volumes: [{ name: "v", efs: { fileSystemId: "efs-1" } }] }),
  task("an EFS access point without TLS", {
    volumes: [{ name: "v", efs: { fileSystemId: "fs-0123456789abcdef0", accessPointId: "fsap-0123456789abcdef0" } }],
  }),
  task("EFS IAM authorization without TLS", {
    volumes: [{ name: "v", efs: { fileSystemId: "fs-0123456789abcdef0", iamAuthorization: true } }],
  }),
  task("an EFS root directory with an access point", {
    volumes: [
      {
        name: "v",
        efs: {
          fileSystemId: "fs-0123456789abcdef0",
          accessPointId: "fsap-0123456789abcdef0",
          transitEncryption: true,
          rootDirectory: "/x",
        },
      },
    ],
  }),
  task("an EFS TLS port without TLS", {
    volumes: [{ name: "v", efs: { fileSystemId: "fs-0123456789abcdef0", transitEncryptionPort: 2049 } }],
  }),
  task("a task role twice", {
    taskRoleArn: "arn:aws:iam::111122223333:role/a",
    taskRole: { name: "b", arn: "arn:aws:iam::111122223333:role/b" } as never,
  }),
  task("ARM64 Windows", {
    operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
    cpuArchitecture: CpuArchitecture.ARM64,
  }),
  task("a proxy on bridge networking", {
    compatibility: ecs.Compatibility.EC2,
    memoryMiB: 512,
    networkMode: ecs.NetworkMode.BRIDGE,
    proxyConfiguration: { containerName: "envoy", properties: {} },
  }),
  ["ephemeral storage on EC2", "ecs.TaskDefinition test/Task", (s) => ec2Task(s, { ephemeralStorageGiB: 30 })],
  [
    "11 placement constraints",
    "ecs.TaskDefinition test/Task",
    (s) => ec2Task(s, { placementConstraints: Array.from({ length: 11 }, () => ({ expression: "attribute:x == y" })) }),
  ],
  jobCase("a GPU on Fargate", { platform: batch.Platform.FARGATE, gpuCount: 1 }),
  jobCase("privileged on Fargate", { platform: batch.Platform.FARGATE, privileged: true }),
  jobCase("ulimits on Fargate", {
    platform: batch.Platform.FARGATE,
    ulimits: [{ name: UlimitName.NOFILE, softLimit: 1, hardLimit: 1 }],
  }),
  jobCase("capabilities on Batch", { linuxParameters: { addCapabilities: [Capability.SYS_PTRACE] } }),
  jobCase("ephemeral storage on EC2", { ephemeralStorageGiB: 30 }),
  jobCase("an architecture on EC2", { cpuArchitecture: CpuArchitecture.ARM64 }),
  jobCase("ephemeral storage of 300 GiB", { platform: batch.Platform.FARGATE, ephemeralStorageGiB: 300 }),
  jobCase("scheduling priority 10000", { schedulingPriority: 10000 }),
  jobCase("retry conditions without attempts", { retryConditions: [{ action: batch.RetryAction.EXIT }] }),
  jobCase("6 retry conditions", {
    retryAttempts: 2,
    retryConditions: Array.from({ length: 6 }, () => ({ action: batch.RetryAction.EXIT })),
  }),
  jobCase("an exit code pattern with letters", {
    retryAttempts: 2,
    retryConditions: [{ action: batch.RetryAction.EXIT, onExitCode: "abc" }],
  }),
  jobCase("a job role twice", {
    jobRoleArn: "arn:aws:iam::111122223333:role/a",
    jobRole: { name: "b", arn: "arn:aws:iam::111122223333:role/b" } as never,
  }),
  jobCase("a Docker volume", { volumes: [{ name: "v", dockerVolume: {} }] }),
  jobCase("a mount of a volume the job lacks", { mountPoints: [{ sourceVolume: "v", containerPath: "/v" }] }),
  jobCase("additionalProperties setting a typed member", { additionalProperties: { image: "other" } }),
  jobCase("a parameter name with =", { parameters: { "a=b": "c" } }),
  multi("no vcpus", { vcpus: undefined }),
  multi("0.1 vCPU", { vcpus: 0.1 }),
  multi("a GPU on Fargate", { gpuCount: 1 }),
  multi("an ECS-only option", { healthCheck: { command: ["CMD", "true"] } }),
  multi("ipcMode on Fargate", {}, { ipcMode: IpcMode.TASK }),
  multi("a stop timeout of 121 s on Fargate", { stopTimeoutSeconds: 121 }),
  [
    `multi-container job: 0.5 vCPU on EC2`,
    "batch.MultiContainerJobDefinition test/Multi",
    (s) =>
      new batch.MultiContainerJobDefinition(s, "Multi", { platform: batch.Platform.EC2 }).addContainer("app", {
        image: nginx,
        vcpus: 0.5,
        memoryMiB: 512,
      }),
  ],
  container("DNS servers on Fargate", { dnsServers: ["10.0.0.2"] }),
  container("DNS search domains on Fargate", { dnsSearchDomains: ["corp"] }),
  container("networking off on Fargate", { disableNetworking: true }),
  ec2Container(
    "a port range on host networking",
    { portMappings: [{ containerPortRange: "8000-8010" }] },
    { networkMode: ecs.NetworkMode.HOST },
  ),
  ec2Container("a tmpfs option ECS does not take", {
    linuxParameters: { tmpfs: [{ containerPath: "/tmp", sizeMiB: 64, mountOptions: ["rw", "bogus"] }] },
  }),
  ec2Container("a DNS server that is a host name", { dnsServers: ["dns.example.com"] }),
  ec2Container("an extra host without an IP address", { extraHosts: [{ hostname: "db", ipAddress: "db.internal" }] }),
  task("Windows on Fargate with 0.5 vCPU", {
    operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
    cpu: 512,
    memoryMiB: 1024,
  }),
  [
    "EFS on Windows",
    "ecs.TaskDefinition test/Task",
    (s) =>
      ec2Task(s, {
        operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
        volumes: [{ name: "v", efs: { fileSystemId: "fs-0123456789abcdef0" } }],
      }),
  ],
  [
    "FSx credentials from one key of a secret",
    "ecs.TaskDefinition test/Task",
    (s) =>
      ec2Task(s, {
        operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
        volumes: [
          {
            name: "v",
            fsxWindowsFileServer: {
              fileSystemId: "fs-0123456789abcdef0",
              rootDirectory: "\\s",
              domain: "d",
              credentials: ContainerSecret.fromSecretsManager(SM, { field: "password" }),
            },
          },
        ],
      }),
  ],
  [
    "FSx credentials from a parameter name",
    "ecs.TaskDefinition test/Task",
    (s) =>
      ec2Task(s, {
        operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
        volumes: [
          {
            name: "v",
            fsxWindowsFileServer: {
              fileSystemId: "fs-0123456789abcdef0",
              rootDirectory: "\\s",
              domain: "d",
              credentials: ContainerSecret.fromSsmParameterName("/ad/user"),
            },
          },
        ],
      }),
  ],
  ["EC2 task cpu of 64 units", "ecs.TaskDefinition test/Task", (s) => ec2Task(s, { cpu: 64 })],
  jobCase("a host volume on Fargate", {
    platform: batch.Platform.FARGATE,
    volumes: [{ name: "v", hostPath: "/data" }],
  }),
  container("a Docker label key with a space", { dockerLabels: { "my label": "x" } }),
  container("a system control that is not a parameter", { systemControls: [{ name: "somaxconn", value: "1024" }] }),
  [
    "autoprovision of a task-scoped Docker volume",
    "ecs.TaskDefinition test/Task",
    (s) => ec2Task(s, { volumes: [{ name: "v", dockerVolume: { autoprovision: true } }] }),
  ],
);

// JavaScript callers (and other languages' callers) bypass TypeScript's types: what they may pass instead.
const js = (value: unknown) => value as any;
const TASK = "ecs.TaskDefinition test/Task";
const nginxImage = () => ContainerImage.fromRegistry("nginx");
const addTo =
  (options: unknown, name: unknown = "web"): Case[2] =>
  (s) =>
    fargate(s).addContainer(js(name), js(options));
const OTHER_REGION_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const DUAL_STACK = "111122223333.dkr-ecr.eu-west-1.on.aws/app:1";
CASES.push(
  image(`app@md5:${"a".repeat(32)}`),
  image(`app@sha256:${"a".repeat(40)}`),
  image(`app@sha256:${"A".repeat(64)}`),
  image("registry.example.com:0/app"),
  image("registry.example.com:99999/app"),
  [
    "ECR dual-stack image with credentials",
    `ContainerImage.fromRegistry(${JSON.stringify(DUAL_STACK)})`,
    () => ContainerImage.fromRegistry(DUAL_STACK, { credentials: quay() }),
  ],
  [
    "credentials for a registry on port 0",
    C(SECRET_ARN),
    () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "registry.example.com:0" }),
  ],
  secret("arn:aws-cn:secretsmanager:eu-west-1:111122223333:secret:x-AbCdEf"),
  secret("arn:aws:secretsmanager:cn-north-1:111122223333:secret:x-AbCdEf"),
  secret("arn:aws:secretsmanager:eu-west:111122223333:secret:x-AbCdEf"),
  [
    "a KMS key in another region than its secret",
    C(SECRET_ARN),
    () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { kmsKeyArn: OTHER_REGION_KEY }),
  ],
  [
    "a KMS key whose region is not in its partition",
    C(SECRET_ARN),
    () =>
      RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, {
        kmsKeyArn: OTHER_REGION_KEY.replace("arn:aws:", "arn:aws-us-gov:"),
      }),
  ],
  [
    "a container secret's key in another region",
    `ContainerSecret.fromSecretsManager(${JSON.stringify(SECRET_ARN)})`,
    () => ContainerSecret.fromSecretsManager(SECRET_ARN, { kmsKeyArn: OTHER_REGION_KEY }),
  ],
  [
    "a parameter ARN whose region is not in its partition",
    'ContainerSecret.fromSsmParameterArn("arn:aws:ssm:us-gov-west-1:111122223333:parameter/x")',
    () => ContainerSecret.fromSsmParameterArn("arn:aws:ssm:us-gov-west-1:111122223333:parameter/x"),
  ],
  [
    "a parameter's key in another region",
    'ContainerSecret.fromSsmParameterArn("arn:aws:ssm:eu-west-1:111122223333:parameter/x")',
    () =>
      ContainerSecret.fromSsmParameterArn("arn:aws:ssm:eu-west-1:111122223333:parameter/x", {
        kmsKeyArn: OTHER_REGION_KEY,
      }),
  ],
);
const bridgeTask = (s: TerraformStack, networkMode: ecs.NetworkMode) =>
  new ecs.TaskDefinition(s, "Task", {
    family: "app",
    compatibility: ecs.Compatibility.EC2,
    networkMode,
    memoryMiB: 512,
  });
CASES.push(
  [
    "a bridge host port the instance reserves (SSH)",
    TASK,
    (s) =>
      bridgeTask(s, ecs.NetworkMode.BRIDGE).addContainer("web", {
        image: nginxImage(),
        portMappings: [{ containerPort: 80, hostPort: 22 }],
      }),
  ],
  [
    "a host-mode port the ECS agent reserves",
    TASK,
    (s) =>
      bridgeTask(s, ecs.NetworkMode.HOST).addContainer("web", {
        image: nginxImage(),
        portMappings: [{ containerPort: 51678 }],
      }),
  ],
  [
    "a Docker daemon port as a bridge host port",
    TASK,
    (s) =>
      bridgeTask(s, ecs.NetworkMode.BRIDGE).addContainer("web", {
        image: nginxImage(),
        portMappings: [{ containerPort: 80, hostPort: 2375 }],
      }),
  ],
  ceCase("an empty security-group list", { securityGroupIds: [] }),
  [
    "an EC2 capacity with no security groups",
    "ecs.AsgCapacityProvider test/A",
    (s) =>
      new ecs.AsgCapacityProvider(s, "A", {
        registryCredentials: [quay()],
        clusterName: "apps",
        instanceType: "t3.medium",
        ...network,
        securityGroupIds: [],
      }),
  ],
  [
    "the same compute environment twice in a queue",
    "batch.JobQueue test/Q",
    (s) => {
      const one = ce(s, {});
      return new batch.JobQueue(s, "Q", { computeEnvironments: [one, one] });
    },
  ],
);
CASES.push(
  jobCase("a timeout of Infinity seconds", { timeoutSeconds: Infinity }),
  jobCase("a timeout of 90.5 seconds", { timeoutSeconds: 90.5 }),
);
CASES.push(
  ["a task role that is not an ARN", TASK, (s) => fargate(s, { taskRoleArn: "my-task-role" })],
  jobCase("a job role that is not an ARN", { jobRoleArn: "arn:aws:iam::111122223333:user/ci" }),
  ceCase("a service role that is not an ARN", { serviceRoleArn: "AWSServiceRoleForBatch" }),
);
CASES.push(
  ["a tag key with Terraform's template syntax", TASK, (s) => fargate(s, { tags: { "${team}": "a" } })],
  ["a tag value with a template directive", TASK, (s) => fargate(s, { tags: { team: "%{ if x }a%{ endif }" } })],
);
CASES.push(
  [
    "from JavaScript: no image reference",
    "ContainerImage.fromRegistry()",
    () => ContainerImage.fromRegistry(js(undefined)),
  ],
  [
    "from JavaScript: a number as image reference",
    "ContainerImage.fromRegistry(42)",
    () => ContainerImage.fromRegistry(js(42)),
  ],
  [
    "from JavaScript: a string as image options",
    'ContainerImage.fromRegistry("nginx")',
    () => ContainerImage.fromRegistry("nginx", js("x")),
  ],
  [
    "from JavaScript: a string as credentials",
    'ContainerImage.fromRegistry("quay.io/a/b")',
    () => ContainerImage.fromRegistry("quay.io/a/b", { credentials: js("arn") }),
  ],
  [
    "from JavaScript: no secret ARN",
    "RegistryCredentials.fromSecretCompleteArn()",
    () => RegistryCredentials.fromSecretCompleteArn(js(undefined)),
  ],
  [
    "from JavaScript: a number as secret name",
    "RegistryCredentials.fromSecretName(5)",
    () => RegistryCredentials.fromSecretName(js(5)),
  ],
  [
    "from JavaScript: an object as partial ARN",
    "RegistryCredentials.fromSecretPartialArn({...})",
    () => RegistryCredentials.fromSecretPartialArn(js({})),
  ],
  [
    "from JavaScript: a string as registry-credential options",
    'RegistryCredentials.fromSecretArn("x")',
    () => RegistryCredentials.fromSecretArn("x", js("quay.io")),
  ],
  ["from JavaScript: no role to grant", "RegistryCredentials.grantRead", () => quay().grantRead(js(undefined))],
  [
    "from JavaScript: RegistrySecret without props",
    "RegistrySecret test/S",
    (s) => new RegistrySecret(s, "S", js(undefined)),
  ],
  [
    "from JavaScript: RegistrySecret without a password",
    "RegistrySecret test/S",
    (s) => new RegistrySecret(s, "S", js({ registry: "quay.io", username: "u" })),
  ],
  [
    "from JavaScript: a number as user name",
    "RegistrySecret test/S",
    (s) =>
      new RegistrySecret(
        s,
        "S",
        js({ registry: "quay.io", username: 5, password: new EphemeralVariable(s, "p").value }),
      ),
  ],
  ["from JavaScript: a task definition without props", TASK, (s) => new ecs.TaskDefinition(s, "Task", js(undefined))],
  ['from JavaScript: compatibility "fargate"', TASK, (s) => fargate(s, { compatibility: js("fargate") })],
  ['from JavaScript: networkMode "AWSVPC"', TASK, (s) => fargate(s, { networkMode: js("AWSVPC") })],
  ['from JavaScript: cpuArchitecture "arm64"', TASK, (s) => fargate(s, { cpuArchitecture: js("arm64") })],
  ["from JavaScript: a string as tags", TASK, (s) => fargate(s, { tags: js("team=a") })],
  ["from JavaScript: addContainer without options", TASK, addTo(undefined)],
  ["from JavaScript: a number as container name", TASK, addTo({ image: nginxImage() }, 5)],
  ["from JavaScript: a string as container image", TASK, addTo({ image: "nginx" })],
  ["from JavaScript: a string as logging", TASK, addTo({ image: nginxImage(), logging: "awslogs" })],
  ["from JavaScript: a list as environment", TASK, addTo({ image: nginxImage(), environment: ["A=1"] })],
  [
    "from JavaScript: an object as port mappings",
    TASK,
    addTo({ image: nginxImage(), portMappings: { containerPort: 80 } }),
  ],
  ["from JavaScript: a list as container secrets", TASK, addTo({ image: nginxImage(), secrets: ["x"] })],
  [
    "from JavaScript: a string as a container port",
    TASK,
    addTo({ image: nginxImage(), portMappings: [{ containerPort: "80" }] }),
  ],
  ["from JavaScript: a string as essential", TASK, addTo({ image: nginxImage(), essential: "false" })],
  [
    "from JavaScript: a job definition without props",
    "batch.JobDefinition test/Job",
    (s) => new batch.JobDefinition(s, "Job", js(undefined)),
  ],
  ['from JavaScript: platform "fargate"', "batch.JobDefinition test/Job", (s) => job(s, { platform: js("fargate") })],
  ["from JavaScript: a string as job image", "batch.JobDefinition test/Job", (s) => job(s, { image: js("nginx") })],
  [
    "from JavaScript: a compute environment without props",
    "batch.ComputeEnvironment test/CE",
    (s) => new batch.ComputeEnvironment(s, "CE", js(undefined)),
  ],
  [
    "from JavaScript: a compute environment without credentials",
    "batch.ComputeEnvironment test/CE",
    (s) => new batch.ComputeEnvironment(s, "CE", js({ ...network })),
  ],
  [
    "from JavaScript: strings as credentials",
    "batch.ComputeEnvironment test/CE",
    (s) => ce(s, { registryCredentials: js(["x"]) }),
  ],
  [
    "from JavaScript: a job queue without props",
    "batch.JobQueue test/Q",
    (s) => new batch.JobQueue(s, "Q", js(undefined)),
  ],
  [
    "from JavaScript: strings as compute environments",
    "batch.JobQueue test/Q",
    (s) => new batch.JobQueue(s, "Q", { computeEnvironments: js(["x"]) }),
  ],
  [
    "from JavaScript: a cache without props",
    "PullThroughCache test/Cache",
    (s) => new PullThroughCache(s, "Cache", js(undefined)),
  ],
  [
    "from JavaScript: an object as upstreams",
    "PullThroughCache test/Cache",
    (s) => new PullThroughCache(s, "Cache", { upstreams: js({ registry: "QUAY" }) }),
  ],
  [
    "from JavaScript: no cached image reference",
    "PullThroughCache test/Cache.image()",
    (s) => new PullThroughCache(s, "Cache", { upstreams: [{ registry: UpstreamRegistry.QUAY }] }).image(js(undefined)),
  ],
  [
    "from JavaScript: instance auth without props",
    "InstanceRegistryAuth test/I",
    (s) => new InstanceRegistryAuth(s, "I", js(undefined)),
  ],
  ["from JavaScript: awsLogs without props", "LogDriver.awsLogs()", () => LogDriver.awsLogs(js(undefined))],
  ["from JavaScript: a generic driver without config", "LogDriver.generic()", () => LogDriver.generic(js(undefined))],
  [
    "from JavaScript: no container secret ARN",
    "ContainerSecret.fromSecretsManager()",
    () => ContainerSecret.fromSecretsManager(js(undefined)),
  ],
  [
    "from JavaScript: a number as parameter name",
    "ContainerSecret.fromSsmParameterName(3)",
    () => ContainerSecret.fromSsmParameterName(js(3)),
  ],
  [
    "from JavaScript: an EC2 capacity without props",
    "ecs.AsgCapacityProvider test/A",
    (s) => new ecs.AsgCapacityProvider(s, "A", js(undefined)),
  ],
  [
    "from JavaScript: an environment file without bucket",
    "ecs.EnvironmentFile.fromS3Object()",
    () => ecs.EnvironmentFile.fromS3Object(js(undefined), js(undefined)),
  ],
  [
    "from JavaScript: a string as ephemeral-variable props",
    "EphemeralVariable test/E",
    (s) => new EphemeralVariable(s, "E", js("secret")),
  ],
  [
    "from JavaScript: a multi-container job without props",
    "batch.MultiContainerJobDefinition test/M",
    (s) => new batch.MultiContainerJobDefinition(s, "M", js(undefined)),
  ],
);

describe(`every error a user can cause is a ValidationError naming its source and the fix (${CASES.length} bad inputs)`, () => {
  test("the catalogue holds at least 300 bad inputs, and the README gives the count of each kind", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
    expect(new Set(CASES.map((c) => c[0])).size).toBe(CASES.length);
    // The README's table: one row per construct or factory the input goes to, and one for JavaScript callers.
    const counts = new Map<string, number>();
    for (const [what, source] of CASES) {
      const kind = what.startsWith("from JavaScript:") ? "from JavaScript" : kindOf(source);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    const table = Object.fromEntries(
      [...readme.matchAll(/^ *\| `([^`]+)` \| (\d+) \|$/gm)].map((m) => [m[1], Number(m[2])]),
    );
    expect(table).toEqual(Object.fromEntries([...counts].sort((a, b) => b[1] - a[1])));
    expect(readme).toContain(`**${CASES.length} bad inputs refused at synth**`);
  });

  test.each(CASES)("%s", (what, source, make) => {
    let thrown: unknown;
    try {
      make(testStack());
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toBeInstanceOf(Error);
    const error = thrown as ValidationError;
    expect(error.source).toBe(source);
    expect(error.message).toBe(`${source}: ${error.problem}. Fix: ${error.fix}.`);
    expect(error.message).toMatch(/^.+: [^]+\. Fix: [^]+\.$/);
    // What a message may never show instead of the input: a JavaScript placeholder, a number that is no number, a
    // token, or an object's default string.
    // (NaN and Infinity may appear where they were the input: the case says so.)
    const placeholders = /NaN|Infinity/.test(what)
      ? /undefined|\[object Object\]|TfToken|\$\{TOKEN/
      : /undefined|NaN|Infinity|\[object Object\]|TfToken|\$\{TOKEN/;
    expect(error.message).not.toMatch(placeholders);
    // "below" is said only of a value that is below something, never of a range's minimum for a number that is not.
    expect(error.message).not.toMatch(/below [\w' ]*minimum/);
    expect((error as unknown as Error).stack).toContain("validation-errors.test.ts");
  });

  test("isValidationError knows the errors of another copy of the package, which instanceof does not", () => {
    let other: typeof ValidationError | undefined;
    jest.isolateModules(() => {
      other = require("../../lib").ValidationError;
    });
    expect(other).not.toBe(ValidationError);
    const foreign = new other!("elsewhere", "wrong", "do this");
    expect(foreign).not.toBeInstanceOf(ValidationError);
    expect(ValidationError.isValidationError(foreign)).toBe(true);
    expect(ValidationError.isValidationError(new ValidationError("here", "wrong", "do this"))).toBe(true);
    for (const notOne of [
      new Error("x"),
      { name: "ValidationError", message: "x" },
      "ValidationError",
      null,
      undefined,
    ]) {
      expect(ValidationError.isValidationError(notOne)).toBe(false);
    }
  });

  test("the error class behaves as an Error", () => {
    const error = new ValidationError("here", "wrong", "do this");
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe("ValidationError: here: wrong. Fix: do this.");
    expect(() => {
      throw error;
    }).toThrow("here: wrong. Fix: do this.");
  });
});
