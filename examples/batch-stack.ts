import { Construct } from "constructs";
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ContainerImage, EphemeralVariable, RegistryCredentials, RegistrySecret, batch } from "cdktf-private-registry";

export interface BatchExampleProps {
  /** @default "us-east-1" */
  readonly region?: string;
}

/**
 * Both Batch routes:
 * - a Fargate job definition whose image carries its credentials (Batch's native repositoryCredentials);
 * - an EC2 compute environment and queue whose instances give the ECS agent credentials for two registries (a
 *   Docker Hub secret created here, an existing Quay secret), so any job on it can pull from either.
 * Deploy: TF_VAR_dockerhub_token=... cdktf deploy batch-private-registry (subnets and security groups as variables).
 */
export class BatchExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BatchExampleProps = {}) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: props.region ?? "us-east-1" });

    const subnets = new TerraformVariable(this, "subnet_ids", {
      type: "list(string)",
      description: "Subnets for Batch instances and Fargate jobs",
    });
    const securityGroups = new TerraformVariable(this, "security_group_ids", {
      type: "list(string)",
      description: "Security groups allowing egress to the registries",
    });
    const token = new EphemeralVariable(this, "dockerhub_token", { description: "Docker Hub access token" });

    const dockerHub = new RegistrySecret(this, "DockerHub", {
      registry: "docker.io",
      username: "example-user",
      password: token.value,
    });
    const quay = RegistryCredentials.fromSecretCompleteArn(
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:registry/quay-AbC123",
      { registry: "quay.io" },
    );

    // Route 1: the job definition carries the credentials; works on Fargate and EC2.
    const fargateJob = new batch.JobDefinition(this, "FargateJob", {
      platform: batch.Platform.FARGATE,
      image: ContainerImage.fromRegistry("example-user/private-job:1.0", { credentials: dockerHub.credentials }),
      vcpus: 0.5,
      memoryMiB: 1024,
      command: ["run", "--once"],
      retryAttempts: 2,
      timeoutSeconds: 3600,
    });

    // Route 2: every instance of the compute environment holds credentials for both registries.
    const computeEnvironment = new batch.ComputeEnvironment(this, "Instances", {
      registryCredentials: [dockerHub.credentials, quay],
      subnetIds: subnets.listValue,
      securityGroupIds: securityGroups.listValue,
      maxVcpus: 64,
    });
    const queue = new batch.JobQueue(this, "Queue", { computeEnvironments: [computeEnvironment] });
    // This definition has no credentials of its own: the instances' ECS agent supplies them.
    const ec2Job = new batch.JobDefinition(this, "Ec2Job", {
      platform: batch.Platform.EC2,
      image: ContainerImage.fromRegistry("quay.io/example/worker:2.3"),
      vcpus: 2,
      memoryMiB: 4096,
    });

    new TerraformOutput(this, "fargate_job_definition_arn", { value: fargateJob.arn });
    new TerraformOutput(this, "ec2_job_definition_arn", { value: ec2Job.arn });
    new TerraformOutput(this, "job_queue_arn", { value: queue.arn });
  }
}
