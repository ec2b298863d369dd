import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { PullThroughCache, UpstreamRegistry, ecs } from "../../lib";
import { PullThroughExampleStack } from "../../examples/pull-through-stack";
import { Plan, planFileContents, plannedResources as planned } from "../support/plan";
import { TerraformWorkspace, withWorkspace } from "../support/terraform";

const SENTINEL = 'S3ntinel-ptc-t0ken"$';

describe("the pull-through cache example under real Terraform", () => {
  let ws: TerraformWorkspace;
  let plan: Plan;
  beforeAll(() => {
    ws = TerraformWorkspace.fromStack(new PullThroughExampleStack(new App(), "pull-through-cache"));
    ws.init();
    plan = ws.plan({ dockerhub_token: SENTINEL, ghcr_token: `${SENTINEL}-gh` });
  });
  afterAll(() => ws?.remove());

  test("plans a rule per upstream, their templates, the credential secrets, and an ECS task and a Batch job using the cache", () => {
    expect(plan.diagnostics).toEqual([]);
    const counts: Record<string, number> = {};
    for (const r of plan.json.resource_changes) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts).toMatchObject({
      aws_ecr_pull_through_cache_rule: 3,
      aws_ecr_repository_creation_template: 3,
      aws_secretsmanager_secret: 2,
      aws_secretsmanager_secret_version: 2,
      aws_ecs_task_definition: 1,
      aws_batch_job_definition: 1,
    });
    const rules = planned(plan.json, "aws_ecr_pull_through_cache_rule").map((r: any) => [
      r.values.ecr_repository_prefix,
      r.values.upstream_registry_url,
    ]);
    expect(rules.sort()).toEqual([
      ["docker-hub", "registry-1.docker.io"],
      ["github", "ghcr.io"],
      ["quay", "quay.io"],
    ]);
    const secrets = planned(plan.json, "aws_secretsmanager_secret")
      .map((r: any) => r.values.name_prefix)
      .sort();
    expect(secrets).toEqual(["ecr-pullthroughcache/docker-hub-", "ecr-pullthroughcache/github-"]);
    const template = planned(plan.json, "aws_ecr_repository_creation_template").find(
      (r: any) => r.values.prefix === "docker-hub",
    );
    expect(JSON.parse(template.values.lifecycle_policy).rules[0].selection.countNumber).toBe(30);
  });

  test("the task and the job reference the cached images through the rules' registry", () => {
    const configs = plan.json.configuration.root_module.resources;
    const task = configs.find((r: any) => r.type === "aws_ecs_task_definition");
    expect(task.expressions.container_definitions.references).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_ecr_pull_through_cache_rule\.Cache_DOCKER_HUB_\w+\.registry_id$/),
        expect.stringMatching(/^aws_ecr_pull_through_cache_rule\.Cache_GITHUB_\w+\.registry_id$/),
      ]),
    );
    const job = configs.find((r: any) => r.type === "aws_batch_job_definition");
    expect(job.expressions.container_properties.references).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_ecr_pull_through_cache_rule\.Cache_QUAY_\w+\.registry_id$/)]),
    );
  });

  test("the upstream tokens are in neither the plan JSON nor the saved plan file", () => {
    expect(plan.text).not.toContain("S3ntinel");
    expect(planFileContents(plan.planFile)).not.toContain("S3ntinel");
  });
});

describe("an ECR-to-ECR cache under real Terraform", () => {
  test("plans the rule with the upstream's host, its repository prefix and the created role, and the role's grants", () => {
    const stack = new TerraformStack(new App(), "ecr-upstream");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const cache = new PullThroughCache(stack, "Cache", {
      upstreams: [
        {
          registry: UpstreamRegistry.ECR,
          ecrAccountId: "444455556666",
          ecrRegion: "us-west-2",
          repositoryPrefix: "platform",
          upstreamRepositoryPrefix: "team-a",
        },
      ],
    });
    const task = new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.FARGATE });
    task.addContainer("api", { image: cache.image("444455556666.dkr.ecr.us-west-2.amazonaws.com/team-a/api:1.2") });
    withWorkspace(stack, (ws) => {
      ws.init();
      const { json, diagnostics } = ws.plan();
      expect(diagnostics).toEqual([]);
      const [rule] = planned(json, "aws_ecr_pull_through_cache_rule");
      expect(rule.values).toMatchObject({
        ecr_repository_prefix: "platform",
        upstream_registry_url: "444455556666.dkr.ecr.us-west-2.amazonaws.com",
        upstream_repository_prefix: "team-a",
      });
      // the created role's ARN, known after apply
      expect(
        json.resource_changes.find((r: any) => r.type === "aws_ecr_pull_through_cache_rule").change.after_unknown
          .custom_role_arn,
      ).toBe(true);
      const roles = planned(json, "aws_iam_role")
        .map((r: any) => JSON.parse(r.values.assume_role_policy).Statement[0].Principal.Service)
        .sort();
      expect(roles).toEqual(["ecs-tasks.amazonaws.com", "pullthroughcache.ecr.amazonaws.com"]);
    });
  });
});
