import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ContainerImage, RegistryCredentials, RegistrySecret, ecs } from "../../lib";
import { EcsExampleStack } from "../../examples/ecs-stack";
import { Plan, planFileContents, plannedResources as planned } from "../support/plan";
import { TerraformWorkspace, withWorkspace } from "../support/terraform";
import { KEY_ARN, SECRET_ARN } from "../support/stacks";

// Real Terraform on synthesized stacks: init (offline mirror when the machine has one), then plan, which validates
// first.
const SENTINEL = 'S3ntinel-P4ss"w0rd$\\ü';

describe("example ECS stack under real Terraform", () => {
  let ws: TerraformWorkspace;
  let plan: Plan;
  beforeAll(() => {
    ws = TerraformWorkspace.fromStack(new EcsExampleStack(new App(), "ecs-private-registry"));
    ws.init();
    plan = ws.plan({ dockerhub_token: SENTINEL });
  });
  afterAll(() => ws?.remove());

  test("plans the secret, task definition and execution role with its grant", () => {
    expect(plan.diagnostics).toEqual([]);
    const types = plan.json.resource_changes.map((r: any) => `${r.type}:${r.change.actions.join(",")}`).sort();
    expect(types).toEqual([
      "aws_cloudwatch_log_group:create",
      "aws_ecs_task_definition:create",
      "aws_iam_role:create",
      "aws_iam_role_policy:create",
      "aws_iam_role_policy_attachment:create",
      "aws_secretsmanager_secret:create",
      "aws_secretsmanager_secret_version:create",
    ]);
    const taskConfig = plan.json.configuration.root_module.resources.find(
      (r: any) => r.type === "aws_ecs_task_definition",
    );
    expect(taskConfig.expressions.container_definitions.references).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_secretsmanager_secret_version\.DockerHub_Value_\w+\.secret_id$/),
      ]),
    );
    const [attachment] = planned(plan.json, "aws_iam_role_policy_attachment");
    expect(attachment.values.policy_arn).toBe("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
  });

  test("the password is in neither the plan JSON nor the saved plan file", () => {
    expect(plan.text).not.toContain("S3ntinel");
    expect(planFileContents(plan.planFile)).not.toContain("S3ntinel");
    const [version] = planned(plan.json, "aws_secretsmanager_secret_version");
    expect(version.values.secret_string_wo).toBeNull();
    expect(version.values.secret_string_wo_version).toBe(1);
  });
});

describe("the leak check can fail", () => {
  test("a merely sensitive variable does leak into the saved plan, so the check above is meaningful", () => {
    const stack = new TerraformStack(new App(), "leaky");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const password = new TerraformVariable(stack, "pw", { type: "string", sensitive: true });
    new RegistrySecret(stack, "S", { registry: "ghcr.io", username: "u", password: password.stringValue });
    withWorkspace(stack, (ws) => {
      ws.init();
      const plan = ws.plan({ pw: SENTINEL });
      expect(planFileContents(plan.planFile)).toContain("S3ntinel");
    });
  });
});

describe("a task definition with a literal secret ARN under real Terraform", () => {
  test("the planned container definition carries the ARN and the role policy is exactly the grant", () => {
    const stack = new TerraformStack(new App(), "literal-arn");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const quay = RegistryCredentials.fromSecretArn(SECRET_ARN, { kmsKeyArn: KEY_ARN, registry: "quay.io" });
    const task = new ecs.TaskDefinition(stack, "Task", {
      family: "literal",
      compatibility: ecs.Compatibility.FARGATE,
      cpu: 256,
      memoryMiB: 1024,
    });
    task.addContainer("app", { image: ContainerImage.fromRegistry("quay.io/org/app:1", { credentials: quay }) });
    task.addContainer("tool", {
      image: ContainerImage.fromRegistry("quay.io/org/tool:1", { credentials: quay }),
      essential: false,
    });
    withWorkspace(stack, (ws) => {
      ws.init();
      const { json, diagnostics } = ws.plan();
      expect(diagnostics).toEqual([]);
      const [taskDef] = planned(json, "aws_ecs_task_definition");
      const containers = JSON.parse(taskDef.values.container_definitions);
      expect(containers.map((c: any) => c.repositoryCredentials)).toEqual([
        { credentialsParameter: SECRET_ARN },
        { credentialsParameter: SECRET_ARN },
      ]);
      const [policy] = planned(json, "aws_iam_role_policy");
      expect(JSON.parse(policy.values.policy)).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadRegistryCredentials",
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: SECRET_ARN,
          },
          {
            Sid: "DecryptRegistryCredentials",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: KEY_ARN,
            Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
          },
        ],
      });
    });
  });
});
