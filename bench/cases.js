#!/usr/bin/env node
// One benchmark case in its own process: `node bench/cases.js <case> <n> <outdir>` builds n items, synthesizes them
// to <outdir> as `cdktf synth` (or `cdk synth`) would, and prints what it cost this process as JSON on its last line.
// The library is the compiled package (build/lib); "raw" cases write the same resources with the provider classes
// directly, the way a user without the library would; "cdk" cases are the AWS CDK v2 equivalent.
const path = require("path");
// The constructs library cdktf itself uses (bench/ holds another one, for AWS CDK).
const { Construct } = require(require.resolve("constructs", { paths: [path.dirname(require.resolve("cdktf"))] }));

const [, , kind, countText, outdir] = process.argv;
const n = Number(countText);
const ARN_A = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/quay-AbC123";
const ARN_B = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/ghcr-XyZ789";
const ARN_DB = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-Db1234";
const PARAMETER_ARN = "arn:aws:ssm:eu-west-1:111122223333:parameter/app/key";
const SUBNETS = ["subnet-0a1b2c3d"];
const SECURITY_GROUPS = ["sg-0a1b2c3d"];

/** A CDKTF app with one stack and the AWS provider; `build` fills the stack. */
function cdktfApp(build) {
  const { App, TerraformStack } = require("cdktf");
  const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "bench");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  build(stack);
  app.synth();
  const config = require(path.join(outdir, "stacks", "bench", "cdk.tf.json"));
  return Object.values(config.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}

// --- the library -------------------------------------------------------------------------------------------------
function library() {
  return require(path.join(__dirname, "..", "build", "lib"));
}

/** n Fargate task definitions, two private containers each; the worker's image is in `workerRegistry`. */
function libraryTasks(stack, credentialsOf, workerRegistry) {
  const { ContainerImage, ecs } = library();
  for (let i = 0; i < n; i++) {
    const [a, b] = credentialsOf(i);
    const task = new ecs.TaskDefinition(stack, `Task${i}`, {
      family: `app-${i}`,
      compatibility: ecs.Compatibility.FARGATE,
    });
    task.addContainer("app", { image: ContainerImage.fromRegistry(`quay.io/org/app:${i}`, { credentials: a }) });
    task.addContainer("worker", {
      image: ContainerImage.fromRegistry(`${workerRegistry}/org/worker:${i}`, { credentials: b }),
    });
  }
}

/** What every case loads: the framework (cdktfApp) and the provider classes the library uses. */
function loadFloorModules() {
  for (const m of [
    "iam-role",
    "iam-role-policy",
    "iam-role-policy-attachment",
    "ecs-task-definition",
    "data-aws-partition",
    "data-aws-region",
    "secretsmanager-secret",
    "secretsmanager-secret-version",
    "launch-template",
    "iam-instance-profile",
    "batch-compute-environment",
  ]) {
    require(`@cdktf/provider-aws/lib/${m}`);
  }
}

/**
 * n task definitions of a real service: Fargate ARM64 with ephemeral storage and an EFS volume, a FireLens router
 * and an app with a private image, two secrets, a health check, a dependency, a mount, a non-root user, ulimits and
 * Linux parameters.
 */
function libraryWorkload(stack) {
  const {
    ContainerDependencyCondition,
    ContainerImage,
    ContainerSecret,
    CpuArchitecture,
    FirelensLogRouterType,
    LogDriver,
    RegistryCredentials,
    UlimitName,
    ecs,
  } = library();
  const quay = RegistryCredentials.fromSecretCompleteArn(ARN_A);
  const secrets = {
    DB_PASSWORD: ContainerSecret.fromSecretsManager(ARN_DB, { field: "password" }),
    API_KEY: ContainerSecret.fromSsmParameterArn(PARAMETER_ARN),
  };
  for (let i = 0; i < n; i++) {
    const task = new ecs.TaskDefinition(stack, `Task${i}`, {
      family: `api-${i}`,
      compatibility: ecs.Compatibility.FARGATE,
      cpu: 1024,
      memoryMiB: 2048,
      cpuArchitecture: CpuArchitecture.ARM64,
      ephemeralStorageGiB: 50,
      volumes: [{ name: "data", efs: { fileSystemId: "fs-0123456789abcdef0", transitEncryption: true } }],
    });
    task.addContainer("router", {
      image: ContainerImage.fromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
      memoryReservationMiB: 64,
      firelensConfig: { routerType: FirelensLogRouterType.FLUENTBIT },
    });
    task.addContainer("app", {
      image: ContainerImage.fromRegistry(`quay.io/org/app:${i}`, { credentials: quay }),
      portMappings: [{ containerPort: 8080 }],
      environment: { PORT: "8080" },
      secrets,
      healthCheck: { command: ["CMD-SHELL", "curl -f localhost:8080/health"], intervalSeconds: 15 },
      dependsOn: [{ containerName: "router", condition: ContainerDependencyCondition.START }],
      mountPoints: [{ sourceVolume: "data", containerPath: "/data" }],
      readonlyRootFilesystem: true,
      user: "1000:1000",
      ulimits: [{ name: UlimitName.NOFILE, softLimit: 65536, hardLimit: 65536 }],
      linuxParameters: { initProcessEnabled: true },
      logging: LogDriver.generic({ logDriver: "awsfirelens", options: { Name: "cloudwatch_logs" } }),
    });
  }
}

const LIBRARY = {
  floor: () => cdktfApp(loadFloorModules),
  // The floor plus loading the package, which brings every construct kind's provider classes.
  "floor-library": () =>
    cdktfApp(() => {
      loadFloorModules();
      library();
    }),
  "library-shared": () =>
    cdktfApp((stack) => {
      const { RegistryCredentials } = library();
      const shared = [
        RegistryCredentials.fromSecretCompleteArn(ARN_A),
        RegistryCredentials.fromSecretCompleteArn(ARN_B),
      ];
      libraryTasks(stack, () => shared, "ghcr.io");
    }),
  "library-own": () =>
    cdktfApp((stack) => {
      const { EphemeralVariable, RegistrySecret } = library();
      const password = new EphemeralVariable(stack, "registry_password").value;
      libraryTasks(
        stack,
        (i) => {
          const secret = new RegistrySecret(stack, `Secret${i}`, {
            registry: "quay.io",
            username: `robot-${i}`,
            password,
          });
          return [secret.credentials, secret.credentials];
        },
        "quay.io",
      );
    }),
  "library-workload": () => cdktfApp(libraryWorkload),
  "library-ce": () =>
    cdktfApp((stack) => {
      const { RegistryCredentials, batch } = library();
      const credentials = [
        RegistryCredentials.fromSecretCompleteArn(ARN_A, { registry: "quay.io" }),
        RegistryCredentials.fromSecretCompleteArn(ARN_B, { registry: "ghcr.io" }),
      ];
      for (let i = 0; i < n; i++) {
        new batch.ComputeEnvironment(stack, `CE${i}`, {
          registryCredentials: credentials,
          subnetIds: SUBNETS,
          securityGroupIds: SECURITY_GROUPS,
        });
      }
    }),
};

// --- raw provider classes ------------------------------------------------------------------------------------------
function raw() {
  return {
    ...require("@cdktf/provider-aws/lib/iam-role"),
    ...require("@cdktf/provider-aws/lib/iam-role-policy"),
    ...require("@cdktf/provider-aws/lib/iam-role-policy-attachment"),
    ...require("@cdktf/provider-aws/lib/ecs-task-definition"),
    ...require("@cdktf/provider-aws/lib/data-aws-partition"),
    ...require("@cdktf/provider-aws/lib/secretsmanager-secret"),
    ...require("@cdktf/provider-aws/lib/secretsmanager-secret-version"),
    ...require("@cdktf/provider-aws/lib/launch-template"),
    ...require("@cdktf/provider-aws/lib/iam-instance-profile"),
    ...require("@cdktf/provider-aws/lib/batch-compute-environment"),
  };
}

const trust = (service) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: service } }],
  });
/** A JSON document as the library writes it: plain JSON, or `jsonencode(...)` when it holds references. */
function document(value) {
  const { Fn, Token } = require("cdktf");
  return Token.isUnresolved(JSON.stringify(value)) ? Fn.jsonencode(value) : JSON.stringify(value);
}
const secretRead = (resources) =>
  document({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadRegistryCredentials",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: resources.length === 1 ? resources[0] : resources,
      },
    ],
  });

/**
 * A role with a managed policy and the secret-read policy, as the library makes them: side by side in `scope`, or,
 * with `tree`, nested as the library nests them (role, its ManagedPolicy, PrivateRegistrySecretRead/Policy).
 */
function rawRole(scope, r, partition, id, props, tree = false) {
  const role = new r.IamRole(scope, id, {
    namePrefix: props.namePrefix,
    description: props.description,
    assumeRolePolicy: trust(props.service),
  });
  new r.IamRolePolicyAttachment(tree ? role : scope, tree ? "ManagedPolicy" : `${id}Managed`, {
    role: role.name,
    policyArn: `arn:${partition.partition}:iam::aws:policy/service-role/${props.managedPolicy}`,
  });
  const [policyScope, policyId] = tree
    ? [new Construct(role, "PrivateRegistrySecretRead"), "Policy"]
    : [scope, `${id}Read`];
  new r.IamRolePolicy(policyScope, policyId, {
    role: role.name,
    name: "private-registry-secret-read",
    policy: secretRead(props.secrets),
  });
  return role;
}

/** n task definitions; with `tree`, under the library's construct tree, so even the Terraform names are equal. */
function rawTasks(stack, r, partition, secretsOf, workerRegistry, tree = false) {
  for (let i = 0; i < n; i++) {
    const [a, b] = secretsOf(i);
    const scope = tree ? new Construct(stack, `Task${i}`) : stack;
    const role = rawRole(
      scope,
      r,
      partition,
      tree ? "ExecutionRole" : `Exec${i}`,
      {
        namePrefix: "exec-",
        description: `Execution role of bench/Task${i}`,
        service: "ecs-tasks.amazonaws.com",
        managedPolicy: "AmazonECSTaskExecutionRolePolicy",
        secrets: [...new Set([a, b])],
      },
      tree,
    );
    new r.EcsTaskDefinition(scope, tree ? "Resource" : `Task${i}`, {
      family: `app-${i}`,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "256",
      memory: "512",
      executionRoleArn: role.arn,
      containerDefinitions: document([
        {
          name: "app",
          image: `quay.io/org/app:${i}`,
          repositoryCredentials: { credentialsParameter: a },
          essential: true,
        },
        {
          name: "worker",
          image: `${workerRegistry}/org/worker:${i}`,
          repositoryCredentials: { credentialsParameter: b },
          essential: true,
        },
      ]),
    });
  }
}

/** The workload case with the provider classes: the same roles, policies and task definitions. */
function rawWorkload(stack) {
  const r = raw();
  const partition = new r.DataAwsPartition(stack, "Partition");
  const containerRead = document({
    Version: "2012-10-17",
    Statement: [
      { Sid: "ReadContainerSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: ARN_DB },
      { Sid: "ReadContainerParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: PARAMETER_ARN },
    ],
  });
  for (let i = 0; i < n; i++) {
    const role = rawRole(stack, r, partition, `Exec${i}`, {
      namePrefix: "exec-",
      description: `Execution role of bench/Task${i}`,
      service: "ecs-tasks.amazonaws.com",
      managedPolicy: "AmazonECSTaskExecutionRolePolicy",
      secrets: [ARN_A],
    });
    new r.IamRolePolicy(stack, `Exec${i}ContainerRead`, {
      role: role.name,
      name: "container-read",
      policy: containerRead,
    });
    new r.EcsTaskDefinition(stack, `Task${i}`, {
      family: `api-${i}`,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "1024",
      memory: "2048",
      executionRoleArn: role.arn,
      runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" },
      volume: [
        {
          name: "data",
          efsVolumeConfiguration: { fileSystemId: "fs-0123456789abcdef0", transitEncryption: "ENABLED" },
        },
      ],
      ephemeralStorage: { sizeInGib: 50 },
      containerDefinitions: document([
        {
          name: "router",
          image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4",
          essential: true,
          memoryReservation: 64,
          firelensConfiguration: { type: "fluentbit" },
        },
        {
          name: "app",
          image: `quay.io/org/app:${i}`,
          repositoryCredentials: { credentialsParameter: ARN_A },
          essential: true,
          portMappings: [{ containerPort: 8080, protocol: "tcp" }],
          environment: [{ name: "PORT", value: "8080" }],
          mountPoints: [{ sourceVolume: "data", containerPath: "/data" }],
          linuxParameters: { initProcessEnabled: true },
          secrets: [
            { name: "API_KEY", valueFrom: PARAMETER_ARN },
            { name: "DB_PASSWORD", valueFrom: `${ARN_DB}:password::` },
          ],
          dependsOn: [{ containerName: "router", condition: "START" }],
          user: "1000:1000",
          readonlyRootFilesystem: true,
          ulimits: [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }],
          logConfiguration: { logDriver: "awsfirelens", options: { Name: "cloudwatch_logs" } },
          healthCheck: { command: ["CMD-SHELL", "curl -f localhost:8080/health"], interval: 15 },
        },
      ]),
    });
  }
}

const RAW = {
  "raw-workload": () => cdktfApp(rawWorkload),
  "raw-shared": () =>
    cdktfApp((stack) => {
      const r = raw();
      rawTasks(stack, r, new r.DataAwsPartition(stack, "Partition"), () => [ARN_A, ARN_B], "ghcr.io");
    }),
  "raw-shared-tree": () =>
    cdktfApp((stack) => {
      const r = raw();
      rawTasks(
        stack,
        r,
        new r.DataAwsPartition(stack, "PrivateRegistryPartition"),
        () => [ARN_A, ARN_B],
        "ghcr.io",
        true,
      );
    }),
  "raw-own": () =>
    cdktfApp((stack) => {
      const { TerraformVariable, Fn } = require("cdktf");
      const r = raw();
      const password = new TerraformVariable(stack, "registry_password", {
        type: "string",
        sensitive: true,
        ephemeral: true,
        nullable: false,
      });
      rawTasks(
        stack,
        r,
        new r.DataAwsPartition(stack, "Partition"),
        (i) => {
          const secret = new r.SecretsmanagerSecret(stack, `Secret${i}`, {
            description: "Private registry credentials for quay.io",
            recoveryWindowInDays: 30,
          });
          const version = new r.SecretsmanagerSecretVersion(stack, `Value${i}`, {
            secretId: secret.id,
            secretStringWo: Fn.jsonencode({
              username: `robot-${i}`,
              password: password.stringValue,
              registry: "quay.io",
            }),
            secretStringWoVersion: 1,
          });
          const arn = version.secretId; // as the library does: it stays known when a rotation replaces the version
          return [arn, arn];
        },
        "quay.io",
      );
    }),
  "raw-ce": () =>
    cdktfApp((stack) => {
      const r = raw();
      const partition = new r.DataAwsPartition(stack, "Partition");
      const { Fn } = require("cdktf");
      // The user data text, already escaped for a function argument (the runner wrote it), as the library writes it.
      const userData = require("fs").readFileSync(process.env.BENCH_USER_DATA, "utf8");
      for (let i = 0; i < n; i++) {
        const role = rawRole(stack, r, partition, `InstanceRole${i}`, {
          namePrefix: "batch-instance-",
          description: `Instances of bench/CE${i}: ECS agent plus private-registry secret read`,
          service: "ec2.amazonaws.com",
          managedPolicy: "AmazonEC2ContainerServiceforEC2Role",
          secrets: [ARN_A, ARN_B],
        });
        const profile = new r.IamInstanceProfile(stack, `Profile${i}`, {
          namePrefix: "batch-instance-",
          role: role.name,
        });
        const template = new r.LaunchTemplate(stack, `Template${i}`, {
          namePrefix: "batch-registry-auth-",
          description: `Private-registry auth for the ECS agent, bench/CE${i}`,
          updateDefaultVersion: true,
          userData: Fn.base64encode(userData),
          metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        });
        new r.BatchComputeEnvironment(stack, `CE${i}`, {
          type: "MANAGED",
          state: "ENABLED",
          computeResources: {
            type: "EC2",
            allocationStrategy: "BEST_FIT_PROGRESSIVE",
            minVcpus: 0,
            maxVcpus: 256,
            instanceType: ["optimal"],
            instanceRole: profile.arn,
            subnets: SUBNETS,
            securityGroupIds: SECURITY_GROUPS,
            ec2Configuration: [{ imageType: "ECS_AL2023" }],
            launchTemplate: { launchTemplateId: template.id, version: template.latestVersion },
          },
          updatePolicy: { jobExecutionTimeoutMinutes: 30, terminateJobsOnUpdate: false },
        });
      }
    }),
};

// --- AWS CDK v2 ----------------------------------------------------------------------------------------------------
function cdkShared(validate) {
  const cdk = require("aws-cdk-lib");
  const { aws_ecs: ecs, aws_secretsmanager: secretsmanager } = cdk;
  // A CloudFormation stack holds at most 500 resources; the limit check is lifted so large cases compare synthesis.
  const app = new cdk.App({ outdir, context: { "@aws-cdk/core:stackResourceLimit": 0 } });
  const stack = new cdk.Stack(app, "Bench", { env: { account: "111122223333", region: "eu-west-1" } });
  const a = secretsmanager.Secret.fromSecretCompleteArn(stack, "A", ARN_A);
  const b = secretsmanager.Secret.fromSecretCompleteArn(stack, "B", ARN_B);
  for (let i = 0; i < n; i++) {
    const task = new ecs.FargateTaskDefinition(stack, `Task${i}`, {
      family: `app-${i}`,
      cpu: 256,
      memoryLimitMiB: 512,
    });
    task.addContainer("app", { image: ecs.ContainerImage.fromRegistry(`quay.io/org/app:${i}`, { credentials: a }) });
    task.addContainer("worker", {
      image: ecs.ContainerImage.fromRegistry(`ghcr.io/org/worker:${i}`, { credentials: b }),
    });
  }
  const assembly = app.synth({ skipValidation: !validate, validateOnSynthesis: validate });
  return Object.keys(assembly.getStackByName("Bench").template.Resources).length;
}

const CDK = {
  "cdk-shared-off": () => cdkShared(false),
  "cdk-shared-on": () => cdkShared(true),
};

const run = { ...LIBRARY, ...RAW, ...CDK }[kind];
if (run === undefined) throw new Error(`unknown case ${kind}`);
const resources = run();
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    resources,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
