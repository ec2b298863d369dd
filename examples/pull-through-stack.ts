import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EphemeralVariable, PullThroughCache, UpstreamRegistry, batch, ecs } from "cdktf-private-registry";

export interface PullThroughExampleProps {
  /** @default "us-east-1" */
  readonly region?: string;
}

/**
 * The third route: an ECR pull-through cache for Docker Hub (with a token, to escape its rate limits), GHCR and
 * Quay. An ECS task and a Batch job pull the cached images with IAM alone; no registry credentials reach them.
 * Deploy: TF_VAR_dockerhub_token=... TF_VAR_ghcr_token=... cdktf deploy pull-through-cache
 */
export class PullThroughExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: PullThroughExampleProps = {}) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: props.region ?? "us-east-1" });

    const cache = new PullThroughCache(this, "Cache", {
      upstreams: [
        {
          registry: UpstreamRegistry.DOCKER_HUB,
          username: "example-user",
          accessToken: new EphemeralVariable(this, "dockerhub_token").value,
        },
        {
          registry: UpstreamRegistry.GITHUB,
          username: "example-user",
          accessToken: new EphemeralVariable(this, "ghcr_token").value,
        },
        { registry: UpstreamRegistry.QUAY },
      ],
      keepImages: 30,
    });

    const task = new ecs.TaskDefinition(this, "Task", {
      family: "cached-images",
      compatibility: ecs.Compatibility.FARGATE,
    });
    task.addContainer("web", { image: cache.image("nginx:1.27"), portMappings: [{ containerPort: 80 }] });
    task.addContainer("agent", { image: cache.image("ghcr.io/example-org/agent:2.1"), essential: false });

    const job = new batch.JobDefinition(this, "Job", {
      platform: batch.Platform.FARGATE,
      image: cache.image("quay.io/prometheus/busybox:latest"),
      vcpus: 0.25,
      memoryMiB: 512,
      command: ["echo", "pulled through the cache"],
    });

    new TerraformOutput(this, "task_definition_arn", { value: task.arn });
    new TerraformOutput(this, "job_definition_arn", { value: job.arn });
  }
}
