import { App } from "cdktf";
import { ProductionExampleStack } from "../../examples/production-stack";
import { fullAwsvpcTask, fullBatchJobs, fullEc2Task, fullFargateTasks } from "../support/full-stacks";
import { planFileContents, plannedResources as planned } from "../support/plan";
import { withWorkspace } from "../support/terraform";
import { testStack } from "../support/stacks";

// Real Terraform on the production example and on the full stacks, which set every prop: the AWS provider parses
// every container document into ECS's and Batch's own types at plan, so an unknown member or a wrong type fails here
// as it would for a user.
const SENTINEL = "S3ntinel-ghcr-t0ken";

describe("the production example under real Terraform", () => {
  test("plans the API service and the multi-container job, with no token in the plan", () => {
    withWorkspace(new ProductionExampleStack(new App(), "production"), (ws) => {
      ws.init();
      const plan = ws.plan({ ghcr_token: SENTINEL });
      expect(plan.diagnostics).toEqual([]);
      expect(plan.text).not.toContain("S3ntinel");
      expect(planFileContents(plan.planFile)).not.toContain("S3ntinel");
      const [task] = planned(plan.json, "aws_ecs_task_definition");
      expect(task.values).toMatchObject({
        cpu: "1024",
        memory: "2048",
        ephemeral_storage: [{ size_in_gib: 50 }],
        runtime_platform: [{ cpu_architecture: "ARM64", operating_system_family: "LINUX" }],
      });
      expect(task.values.volume).toEqual([
        expect.objectContaining({
          name: "uploads",
          efs_volume_configuration: [expect.objectContaining({ transit_encryption: "ENABLED" })],
        }),
      ]);
      const [job] = planned(plan.json, "aws_batch_job_definition");
      expect(job.values.retry_strategy).toEqual([
        expect.objectContaining({
          attempts: 3,
          evaluate_on_exit: [expect.objectContaining({ action: "retry" }), expect.objectContaining({ action: "exit" })],
        }),
      ]);
      const policies = planned(plan.json, "aws_iam_role_policy")
        .map((p: any) => p.values?.name)
        .filter((n: unknown) => typeof n === "string")
        .sort();
      expect(policies).toEqual([
        "container-read",
        "container-read",
        "private-registry-secret-read",
        "private-registry-secret-read",
      ]);
    });
  });
});

// A parameter granted by name is placed in the provider's account, which `aws_caller_identity` asks STS for at
// plan; moto's server answers that call on loopback, inside the plan's network namespace.
describe.each([
  ["EC2 bridge task", () => fullEc2Task(testStack("plan-ec2"))],
  ["EC2 awsvpc task", () => fullAwsvpcTask(testStack("plan-awsvpc"))],
  ["Fargate and Windows tasks", () => fullFargateTasks(testStack("plan-fargate"))],
  ["Batch jobs", () => fullBatchJobs(testStack("plan-batch"))],
])("the full %s under real Terraform", (_, make) => {
  test("validates and plans with no diagnostic", () => {
    withWorkspace(make(), (ws) => {
      ws.init();
      const { diagnostics, changes } = ws.planWithEmulator();
      expect(diagnostics).toEqual([]);
      expect(changes.length).toBeGreaterThan(0);
      expect(changes.every((c) => c.action === "create")).toBe(true);
    });
  });
});
