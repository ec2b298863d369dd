import { Construct } from "constructs";
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  ContainerImage,
  EphemeralVariable,
  RegistryCredentials,
  RegistrySecret,
  batch,
  ecs,
} from "cdktf-private-registry";

export interface SharedSecretProps {
  /** @default "us-east-1" */
  readonly region?: string;
}

/**
 * A registry secret owned by one stack and used by others (say, a platform team's stack and the services' stacks).
 * The token and its version are variables, so a rotation is one deploy of this stack:
 * `TF_VAR_dockerhub_token=<new> TF_VAR_dockerhub_token_version=<n+1> cdktf deploy shared-registry-secret`.
 */
export class SharedSecretStack extends TerraformStack {
  public readonly dockerHub: RegistrySecret;

  constructor(scope: Construct, id: string, props: SharedSecretProps = {}) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: props.region ?? "us-east-1" });
    const token = new EphemeralVariable(this, "dockerhub_token", { description: "Docker Hub access token" });
    // Required, like the token: a forgotten version is asked for (or, with TF_INPUT=0, fails the command) rather than
    // silently going back to an old number.
    const tokenVersion = new TerraformVariable(this, "dockerhub_token_version", {
      type: "number",
      description: "Version of the Docker Hub token: raise it with every new token, or the new one is not sent",
    });
    this.dockerHub = new RegistrySecret(this, "DockerHub", {
      registry: "docker.io",
      username: "example-user",
      password: token.value,
      passwordVersion: tokenVersion.numberValue,
    });
  }
}

export interface SharedSecretWorkloadProps extends SharedSecretProps {
  /** The credentials of a `RegistrySecret` in another stack of the same app. */
  readonly credentials: RegistryCredentials;
}

/**
 * A Fargate task and a Batch compute environment using a secret another stack owns. cdktf turns the reference into
 * an output of that stack and a `terraform_remote_state` read here, so this stack deploys after it, and cannot be
 * planned before it has been deployed once.
 */
export class SharedSecretWorkloadStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: SharedSecretWorkloadProps) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: props.region ?? "us-east-1" });
    const subnets = new TerraformVariable(this, "subnet_ids", {
      type: "list(string)",
      description: "Subnets for Batch instances",
    });
    const securityGroups = new TerraformVariable(this, "security_group_ids", {
      type: "list(string)",
      description: "Security groups allowing egress to Docker Hub",
    });

    const task = new ecs.TaskDefinition(this, "Task", {
      family: "shared-secret-app",
      compatibility: ecs.Compatibility.FARGATE,
      cpu: 256,
      memoryMiB: 512,
    });
    task.addContainer("app", {
      image: ContainerImage.fromRegistry("example-user/private-app:1.0", { credentials: props.credentials }),
    });

    const instances = new batch.ComputeEnvironment(this, "Instances", {
      registryCredentials: [props.credentials],
      subnetIds: subnets.listValue,
      securityGroupIds: securityGroups.listValue,
      maxVcpus: 16,
    });
    const queue = new batch.JobQueue(this, "Queue", { computeEnvironments: [instances] });

    new TerraformOutput(this, "task_definition_arn", { value: task.arn });
    new TerraformOutput(this, "job_queue_arn", { value: queue.arn });
  }
}
