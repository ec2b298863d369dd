import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ContainerImage, EphemeralVariable, RegistrySecret, batch, ecs } from "../../lib";
import { plannedResources as planned } from "../support/plan";
import { withWorkspace } from "../support/terraform";

// Terraform reads every string of cdk.tf.json as a template: a user's literal `${HOME}` would be a reference and
// `%{ if }` a directive. What the user wrote must reach AWS as written, so real Terraform plans it here.
const SHELL = "${HOME}/bin and %{ if x }y%{ endif }";

describe("literal text with Terraform's template syntax, planned by real Terraform", () => {
  test("reaches the task definition, the secret's description and the job's parameters as written", () => {
    const stack = new TerraformStack(new App(), "template-syntax");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const literalTask = new ecs.TaskDefinition(stack, "Literal", {
      family: "literal",
      compatibility: ecs.Compatibility.FARGATE,
    });
    literalTask.addContainer("app", {
      image: ContainerImage.fromRegistry("nginx"),
      environment: { PATHS: SHELL },
      command: ["sh", "-c", SHELL],
    });
    // A document that also holds a reference is rendered as jsonencode(...): the same text, the other path.
    const tag = new TerraformVariable(stack, "tag", { type: "string", default: "1.27" });
    const mixedTask = new ecs.TaskDefinition(stack, "Mixed", {
      family: "mixed",
      compatibility: ecs.Compatibility.FARGATE,
    });
    mixedTask.addContainer("app", {
      image: ContainerImage.fromRegistry(`nginx:${tag.stringValue}`),
      environment: { PATHS: SHELL },
    });
    new RegistrySecret(stack, "Secret", {
      registry: "quay.io",
      username: "robot",
      password: new EphemeralVariable(stack, "password").value,
      description: `Quay for ${SHELL}`,
    });
    new batch.JobDefinition(stack, "Job", {
      platform: batch.Platform.EC2,
      image: ContainerImage.fromRegistry("busybox"),
      parameters: { where: SHELL },
    });
    withWorkspace(stack, (ws) => {
      ws.init();
      const { json, diagnostics } = ws.plan({ password: "unused" });
      expect(diagnostics).toEqual([]);
      const tasks = planned(json, "aws_ecs_task_definition");
      for (const task of tasks) {
        const [container] = JSON.parse(task.values.container_definitions);
        expect(container.environment).toEqual([{ name: "PATHS", value: SHELL }]);
      }
      expect(
        JSON.parse(tasks.find((t) => t.values.family === "literal").values.container_definitions)[0].command,
      ).toEqual(["sh", "-c", SHELL]);
      expect(planned(json, "aws_secretsmanager_secret")[0].values.description).toBe(`Quay for ${SHELL}`);
      const [job] = planned(json, "aws_batch_job_definition");
      expect(job.values.parameters).toEqual({ where: SHELL });
      // Its container_properties holds the created execution role's ARN, unknown until apply; the same renderer
      // wrote the task definitions' documents above.
    });
  });
});
