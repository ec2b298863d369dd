import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { ContainerImage, EphemeralVariable, LogDriver, RegistrySecret, ecs } from "cdktf-private-registry";

export interface EcsExampleProps {
  /** @default "us-east-1" */
  readonly region?: string;
}

/**
 * A Fargate task that pulls a private Docker Hub image. The Docker Hub access token is an ephemeral variable:
 * `TF_VAR_dockerhub_token=... cdktf deploy ecs-private-registry`.
 */
export class EcsExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: EcsExampleProps = {}) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: props.region ?? "us-east-1" });

    const token = new EphemeralVariable(this, "dockerhub_token", { description: "Docker Hub access token" });
    const dockerHub = new RegistrySecret(this, "DockerHub", {
      registry: "docker.io",
      username: "example-user",
      password: token.value,
    });
    const logs = new CloudwatchLogGroup(this, "Logs", { name: "/ecs/private-registry-example", retentionInDays: 14 });

    const task = new ecs.TaskDefinition(this, "Task", {
      family: "private-registry-example",
      compatibility: ecs.Compatibility.FARGATE,
      cpu: 512,
      memoryMiB: 1024,
    });
    task.addContainer("app", {
      image: ContainerImage.fromRegistry("example-user/private-app:1.0", { credentials: dockerHub.credentials }),
      portMappings: [{ containerPort: 8080 }],
      environment: { LOG_LEVEL: "info" },
      logging: LogDriver.awsLogs({ logGroupName: logs.name, streamPrefix: "app" }),
    });
    task.addContainer("sidecar", {
      image: ContainerImage.fromRegistry("public.ecr.aws/docker/library/busybox:1.36"),
      essential: false,
      command: ["sh", "-c", "sleep infinity"],
    });

    new TerraformOutput(this, "task_definition_arn", { value: task.arn });
    new TerraformOutput(this, "registry_secret_arn", { value: dockerHub.secret.arn });
  }
}
