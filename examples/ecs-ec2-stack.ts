import { Construct } from "constructs";
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { ContainerImage, EphemeralVariable, RegistryCredentials, RegistrySecret, ecs } from "cdktf-private-registry";

export interface EcsEc2ExampleProps {
  /** @default "us-east-1" */
  readonly region?: string;
}

/**
 * ECS on EC2 with instance-level registry auth: a cluster whose EC2 capacity gives the ECS agent credentials for two
 * registries (a Docker Hub secret created here, an existing Quay secret), and a service whose task definition has
 * no credentials of its own: the instances' agent pulls its private images.
 * Deploy: TF_VAR_dockerhub_token=... cdktf deploy ecs-ec2-private-registry (subnets and security groups as variables).
 */
export class EcsEc2ExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: EcsEc2ExampleProps = {}) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: props.region ?? "us-east-1" });

    const subnets = new TerraformVariable(this, "subnet_ids", {
      type: "list(string)",
      description: "Subnets for the container instances",
    });
    const securityGroups = new TerraformVariable(this, "security_group_ids", {
      type: "list(string)",
      description: "Security groups allowing egress to the registries, Secrets Manager and ECS",
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

    const cluster = new EcsCluster(this, "Cluster", { name: "private-registry-ec2" });
    const capacity = new ecs.AsgCapacityProvider(this, "Capacity", {
      clusterName: cluster.name,
      registryCredentials: [dockerHub.credentials, quay],
      subnetIds: subnets.listValue,
      securityGroupIds: securityGroups.listValue,
      instanceType: "t3.medium",
      maxSize: 4,
      refreshCredentialsMinutes: 60,
    });

    // No credentials on the task: the container instances' ECS agent holds them for docker.io and quay.io.
    const task = new ecs.TaskDefinition(this, "Task", {
      family: "private-registry-ec2",
      compatibility: ecs.Compatibility.EC2,
      networkMode: ecs.NetworkMode.BRIDGE,
      memoryMiB: 512,
    });
    task.addContainer("app", {
      image: ContainerImage.fromRegistry("example-user/private-app:1.0"),
      portMappings: [{ containerPort: 8080 }],
    });
    task.addContainer("worker", { image: ContainerImage.fromRegistry("quay.io/example/worker:2.3"), essential: false });

    const service = new EcsService(this, "Service", {
      name: "private-registry-ec2",
      cluster: cluster.arn,
      taskDefinition: task.arn,
      desiredCount: 1,
      // Read through the cluster association: the service is created once the cluster has the provider.
      capacityProviderStrategy: [{ capacityProvider: capacity.capacityProviderName, weight: 1 }],
    });

    new TerraformOutput(this, "cluster_name", { value: cluster.name });
    new TerraformOutput(this, "capacity_provider_name", { value: capacity.capacityProviderName });
    new TerraformOutput(this, "service_name", { value: service.name });
  }
}
