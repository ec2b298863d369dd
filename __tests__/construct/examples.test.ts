import { Testing } from "cdktf";
import { BatchExampleStack } from "../../examples/batch-stack";
import { EcsEc2ExampleStack } from "../../examples/ecs-ec2-stack";
import { EcsExampleStack } from "../../examples/ecs-stack";
import { ProductionExampleStack } from "../../examples/production-stack";
import { PullThroughExampleStack } from "../../examples/pull-through-stack";
import { SharedSecretStack, SharedSecretWorkloadStack } from "../../examples/shared-secret-stacks";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AWS6, LINE, LINE_SPEC } from "../support/line";
import { synthObject, TARGET_VERSIONS, TEST_OUTDIR, testApp } from "../support/stacks";

// The example stacks synthesized on the line under test, validations included, as `cdktf synth` runs them. On the
// AWS provider 6 lines no provider plugin is available offline, so this, the strict type-check of the consumer app
// and the attribute names below are the proof there; the AWS 5 line also plans them (terraform-*.test.ts).
describe(`the example stacks on ${LINE}`, () => {
  test("the ECS example synthesizes its secret, task definition and grant", () => {
    const synth = synthObject(new EcsExampleStack(testApp(), "ecs"));
    expect(Object.keys(synth.resource).sort()).toEqual([
      "aws_cloudwatch_log_group",
      "aws_ecs_task_definition",
      "aws_iam_role",
      "aws_iam_role_policy",
      "aws_iam_role_policy_attachment",
      "aws_secretsmanager_secret",
      "aws_secretsmanager_secret_version",
    ]);
    const version = Object.values(synth.resource.aws_secretsmanager_secret_version)[0] as any;
    expect(version).toMatchObject({
      secret_string_wo: expect.stringContaining("jsonencode"),
      secret_string_wo_version: 1,
    });
    expect(version).not.toHaveProperty("secret_string");
  });

  test("the Batch example uses this line's attribute names", () => {
    const synth = synthObject(new BatchExampleStack(testApp(), "batch"));
    const ce = Object.values(synth.resource.aws_batch_compute_environment)[0] as any;
    const queue = Object.values(synth.resource.aws_batch_job_queue)[0] as any;
    expect(ce).not.toHaveProperty(AWS6 ? "compute_environment_name" : "name");
    expect(queue).toHaveProperty("compute_environment_order");
    expect(queue).not.toHaveProperty("compute_environments");
    expect(synth.terraform.required_providers.aws.version).toMatch(AWS6 ? /^6\./ : /^5\.100\./);
  });

  test("the ECS-on-EC2 example synthesizes the capacity, the cluster's default provider and a task without credentials", () => {
    const synth = synthObject(new EcsEc2ExampleStack(testApp(), "ecs-ec2"));
    for (const type of [
      "aws_launch_template",
      "aws_autoscaling_group",
      "aws_ecs_capacity_provider",
      "aws_ecs_cluster_capacity_providers",
      "aws_ecs_service",
    ]) {
      expect(Object.keys(synth.resource[type] ?? {})).toHaveLength(1);
    }
    expect(Object.keys(synth.data.aws_ssm_parameter)).toHaveLength(1);
    const task = Object.values(synth.resource.aws_ecs_task_definition)[0] as any;
    expect(task.container_definitions).not.toContain("repositoryCredentials");
    expect(synth.terraform.required_providers.aws.version).toMatch(AWS6 ? /^6\./ : /^5\.100\./);
  });

  test("the pull-through cache example synthesizes its rules and a task and job pulling cached images", () => {
    const synth = synthObject(new PullThroughExampleStack(testApp(), "cache"));
    expect(Object.keys(synth.resource.aws_ecr_pull_through_cache_rule)).toHaveLength(3);
    expect(Object.keys(synth.resource.aws_ecr_repository_creation_template)).toHaveLength(3);
    expect(JSON.stringify(synth.resource.aws_ecs_task_definition)).toContain("/docker-hub/library/nginx:1.27");
    expect(JSON.stringify(synth.resource.aws_batch_job_definition)).toContain("/quay/prometheus/busybox:latest");
  });

  test("the production example synthesizes the API service and the multi-container GPU job", () => {
    const synth = synthObject(new ProductionExampleStack(testApp(), "production"));
    const [task] = Object.values<any>(synth.resource.aws_ecs_task_definition);
    expect(task).toMatchObject({
      ephemeral_storage: { size_in_gib: 50 },
      runtime_platform: { cpu_architecture: "ARM64" },
    });
    const [job] = Object.values<any>(synth.resource.aws_batch_job_definition);
    expect(job.ecs_properties).toContain("GPU");
    expect(
      Object.values<any>(synth.resource.aws_iam_role_policy)
        .map((p) => p.name ?? "(the task role's own)")
        .sort(),
    ).toEqual([
      "(the task role's own)",
      "container-read",
      "container-read",
      "private-registry-secret-read",
      "private-registry-secret-read",
    ]);
  });

  test("the shared-secret example: the workload stack reads the secret's ARN from the secret stack's state", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "shared-"));
    const app = Testing.app({ context: TARGET_VERSIONS, outdir });
    const shared = new SharedSecretStack(app, "secret");
    new SharedSecretWorkloadStack(app, "workload", { credentials: shared.dockerHub.credentials });
    try {
      app.synth();
      const read = (stack: string) =>
        JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
      const [output] = Object.entries<any>(read("secret").output);
      expect(output[1]).toMatchObject({
        sensitive: true,
        value: expect.stringMatching(/^\$\{aws_secretsmanager_secret_version\.DockerHub_Value_\w+\.secret_id\}$/),
      });
      const workload = read("workload");
      expect(Object.keys(workload.data.terraform_remote_state)).toHaveLength(1);
      const remote = `data.terraform_remote_state.${Object.keys(workload.data.terraform_remote_state)[0]}.outputs.${output[0]}`;
      expect(Object.values<any>(workload.resource.aws_iam_role_policy).map((p) => p.policy.includes(remote))).toEqual([
        true,
        true,
      ]);
      expect(JSON.stringify(Object.values(workload.resource.aws_ecs_task_definition))).toContain(remote);
      expect(
        Object.values<any>(read("secret").resource.aws_secretsmanager_secret_version)[0].secret_string_wo_version,
      ).toBe("${var.dockerhub_token_version}");
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  (LINE_SPEC.framework === "cdktn" ? test : test.skip)(
    "cdktn refuses the write-only secret unless the app targets Terraform >= 1.11",
    () => {
      expect(() => synthObject(new EcsExampleStack(Testing.app({ outdir: TEST_OUTDIR }), "ecs"))).toThrow(
        /write-only attributes requires terraform >=1\.11\.0/,
      );
    },
  );
});
