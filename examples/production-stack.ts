import { Construct } from "constructs";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import {
  ContainerDependencyCondition,
  ContainerImage,
  CpuArchitecture,
  ContainerSecret,
  EphemeralVariable,
  FirelensLogRouterType,
  LogDriver,
  RegistryCredentials,
  RegistrySecret,
  UlimitName,
  batch,
  ecs,
} from "cdktf-private-registry";

export interface ProductionExampleProps {
  /** @default "us-east-1" */
  readonly region?: string;
}

/**
 * What a real service needs beside private images: an API on Fargate ARM64 with secrets from Secrets Manager and
 * Parameter Store, a health check, a FireLens log router it waits for, an EFS volume, a read-only root file system,
 * a non-root user and 50 GiB of ephemeral storage; and a Batch job of two containers from two private registries,
 * one with a GPU. The GHCR token is an ephemeral variable: `TF_VAR_ghcr_token=... cdktf deploy production`.
 */
export class ProductionExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: ProductionExampleProps = {}) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: props.region ?? "us-east-1" });

    const token = new EphemeralVariable(this, "ghcr_token", { description: "GitHub token with read:packages" });
    const ghcr = new RegistrySecret(this, "Ghcr", {
      registry: "ghcr.io",
      username: "example-bot",
      password: token.value,
    });
    const quay = RegistryCredentials.fromSecretCompleteArn(
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:registry/quay-AbC123",
      { registry: "quay.io" },
    );
    const database = ContainerSecret.fromSecretsManager(
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/database-Xy9876",
      { field: "password" },
    );
    const flags = new SsmParameter(this, "Flags", { name: "/api/feature-flags", type: "String", value: "checkout=on" });
    const files = new EfsFileSystem(this, "Files", { encrypted: true });
    const uploads = new EfsAccessPoint(this, "Uploads", {
      fileSystemId: files.id,
      posixUser: { uid: 1000, gid: 1000 },
      rootDirectory: { path: "/uploads" },
    });
    const logs = new CloudwatchLogGroup(this, "Logs", { name: "/ecs/api", retentionInDays: 30 });
    const taskRole = new IamRole(this, "ApiRole", {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" } }],
      }),
    });
    // FireLens ships the app's logs with the task role's credentials: Fluent Bit's cloudwatch_logs output writes the
    // group's streams, and the EFS access point is mounted with IAM authorization.
    new IamRolePolicy(this, "ApiRolePolicy", {
      role: taskRole.name,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logs.arn}:*` },
          {
            Effect: "Allow",
            Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            Resource: files.arn,
            Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": uploads.arn } },
          },
        ],
      }),
    });

    const api = new ecs.TaskDefinition(this, "Api", {
      family: "api",
      compatibility: ecs.Compatibility.FARGATE,
      cpu: 1024,
      memoryMiB: 2048,
      cpuArchitecture: CpuArchitecture.ARM64,
      ephemeralStorageGiB: 50,
      taskRole,
      volumes: [
        {
          name: "uploads",
          efs: { fileSystemId: files.id, accessPointId: uploads.id, transitEncryption: true, iamAuthorization: true },
        },
      ],
    });
    api.addContainer("log-router", {
      image: ContainerImage.fromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
      essential: true,
      memoryReservationMiB: 64,
      firelensConfig: { routerType: FirelensLogRouterType.FLUENTBIT, options: { "enable-ecs-log-metadata": "true" } },
      logging: LogDriver.awsLogs({ logGroupName: logs.name, streamPrefix: "firelens" }),
      user: "0",
    });
    api.addContainer("app", {
      image: ContainerImage.fromRegistry("ghcr.io/example-org/api:2.4.1", { credentials: ghcr.credentials }),
      portMappings: [{ containerPort: 8080, name: "http", appProtocol: ecs.AppProtocol.HTTP }],
      environment: { PORT: "8080" },
      secrets: { DATABASE_PASSWORD: database, FEATURE_FLAGS: ContainerSecret.fromSsmParameterArn(flags.arn) },
      healthCheck: {
        command: ["CMD-SHELL", "curl -fs http://localhost:8080/health || exit 1"],
        intervalSeconds: 15,
        retries: 3,
        startPeriodSeconds: 30,
      },
      dependsOn: [{ containerName: "log-router", condition: ContainerDependencyCondition.START }],
      mountPoints: [{ sourceVolume: "uploads", containerPath: "/srv/uploads" }],
      readonlyRootFilesystem: true,
      user: "1000:1000",
      linuxParameters: { initProcessEnabled: true },
      ulimits: [{ name: UlimitName.NOFILE, softLimit: 65536, hardLimit: 65536 }],
      stopTimeoutSeconds: 60,
      logging: LogDriver.generic({
        logDriver: "awsfirelens",
        options: {
          Name: "cloudwatch_logs",
          region: props.region ?? "us-east-1",
          log_group_name: logs.name,
          log_stream_prefix: "app-",
        },
      }),
    });

    const training = new batch.MultiContainerJobDefinition(this, "Training", {
      platform: batch.Platform.EC2,
      name: "training",
      retryAttempts: 3,
      retryConditions: [
        { action: batch.RetryAction.RETRY, onStatusReason: "Host EC2*" },
        { action: batch.RetryAction.EXIT, onExitCode: "*" },
      ],
      timeoutSeconds: 4 * 3600,
      parameters: { epochs: "10" },
      propagateTags: true,
      volumes: [{ name: "scratch" }],
    });
    training.addContainer("trainer", {
      image: ContainerImage.fromRegistry("quay.io/example-org/trainer:5", { credentials: quay }),
      vcpus: 4,
      memoryMiB: 15360,
      gpuCount: 1,
      command: ["train", "--epochs", "Ref::epochs"],
      secrets: { DATABASE_PASSWORD: database },
      mountPoints: [{ sourceVolume: "scratch", containerPath: "/scratch" }],
      linuxParameters: { sharedMemorySizeMiB: 2048 },
      dependsOn: [{ containerName: "metrics", condition: ContainerDependencyCondition.START }],
    });
    training.addContainer("metrics", {
      image: ContainerImage.fromRegistry("ghcr.io/example-org/metrics-agent:1.3", { credentials: ghcr.credentials }),
      vcpus: 1,
      memoryMiB: 512,
      essential: false,
      mountPoints: [{ sourceVolume: "scratch", containerPath: "/scratch", readOnly: true }],
    });

    new TerraformOutput(this, "api_task_definition_arn", { value: api.arn });
    new TerraformOutput(this, "training_job_definition_arn", { value: training.arn });
  }
}
