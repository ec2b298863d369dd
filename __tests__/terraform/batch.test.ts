import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformLocal, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RegistryCredentials, batch } from "../../lib";
import { BatchExampleStack } from "../../examples/batch-stack";
import { plannedResources as planned } from "../support/plan";
import { withWorkspace } from "../support/terraform";
import { parseMime, parseYaml, runBootScript } from "../support/user-data";

// Real Terraform on the Batch stacks: init (offline mirror when present), then plan, which validates first.
const NETWORK = { subnet_ids: '["subnet-0a1b2c3d"]', security_group_ids: '["sg-0a1b2c3d"]' };

describe("example Batch stack under real Terraform", () => {
  test("validates and plans both routes without the password in the plan", () => {
    withWorkspace(new BatchExampleStack(new App(), "batch-private-registry"), (ws) => {
      ws.init();
      const { json, text, diagnostics } = ws.plan({ ...NETWORK, dockerhub_token: "S3ntinel-batch-pa$$word" });
      expect(diagnostics).toEqual([]);
      expect(text).not.toContain("S3ntinel");
      const counts: Record<string, number> = {};
      for (const r of json.resource_changes) counts[r.type] = (counts[r.type] ?? 0) + 1;
      expect(counts).toMatchObject({
        aws_batch_job_definition: 2,
        aws_batch_compute_environment: 1,
        aws_batch_job_queue: 1,
        aws_launch_template: 1,
        aws_iam_instance_profile: 1,
      });
      const [template] = planned(json, "aws_launch_template");
      expect(template.values.metadata_options).toEqual([
        expect.objectContaining({ http_tokens: "required", http_endpoint: "enabled", http_put_response_hop_limit: 1 }),
      ]);
      const fargate = planned(json, "aws_batch_job_definition").find(
        (r: any) => r.values.platform_capabilities[0] === "FARGATE",
      );
      expect(fargate.values.retry_strategy).toEqual([expect.objectContaining({ attempts: 2 })]);
    });
  });
});

describe("a compute environment with literal secret ARNs under real Terraform", () => {
  test("the planned user data decodes to exactly what the renderer produced, and the CE follows the latest version", () => {
    const stack = new TerraformStack(new App(), "literal-batch");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const hub = RegistryCredentials.fromSecretArn("arn:aws:secretsmanager:eu-west-1:111122223333:secret:hub-AbC123", {
      registry: "docker.io",
    });
    const ghcr = RegistryCredentials.fromSecretArn("arn:aws:secretsmanager:eu-west-1:111122223333:secret:ghcr-XyZ789", {
      registry: "ghcr.io",
    });
    const ce = new batch.ComputeEnvironment(stack, "CE", {
      registryCredentials: [hub, ghcr],
      subnetIds: ["subnet-0a1b2c3d"],
      securityGroupIds: ["sg-0a1b2c3d"],
      userDataParts: [
        { contentType: "text/x-shellscript", content: '#!/bin/bash\necho "${HOME} %{ not a directive }"\n' },
      ],
    });
    new batch.JobQueue(stack, "Queue", { computeEnvironments: [ce] });
    withWorkspace(stack, (ws) => {
      ws.init();
      const { json, diagnostics } = ws.plan();
      expect(diagnostics).toEqual([]);
      const [template] = planned(json, "aws_launch_template");
      expect(Buffer.from(template.values.user_data, "base64").toString("utf8")).toBe(ce.userData);
      const policy = JSON.parse(planned(json, "aws_iam_role_policy")[0].values.policy);
      expect(policy.Statement).toEqual([
        {
          Sid: "ReadRegistryCredentials",
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: [
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:hub-AbC123",
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ghcr-XyZ789",
          ],
        },
      ]);
      const ceConfig = json.configuration.root_module.resources.find(
        (r: any) => r.type === "aws_batch_compute_environment",
      );
      expect(ceConfig.expressions.compute_resources[0].launch_template[0].version.references).toContain(
        "aws_launch_template.CE_LaunchTemplate_778426EE.latest_version",
      );
    });
  });
});

describe("secret ARNs that reach the boot script from Terraform references travel as data", () => {
  const marker = path.join(os.tmpdir(), `pwned-${process.pid}`);
  const HOSTILE = `arn:aws:secretsmanager:eu-west-1:111122223333:secret:x-AbC123' ; touch ${marker} ; echo '$(touch ${marker})\`touch ${marker}\``;
  const GOOD = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:quay-AbC123";

  /**
   * The boot script as planned with `arn` as the secret. The value comes through a local: a variable's value is
   * refused at plan already (the variable's validation, below), and a local's is not checked before boot, which is
   * what this shows the script withstands.
   */
  function plannedScript(arn: string): string {
    const stack = new TerraformStack(new App(), "hostile-batch");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const secret = new TerraformVariable(stack, "secret_arn", { type: "string" });
    const local = new TerraformLocal(stack, "secret_arn_local", secret.stringValue);
    new batch.ComputeEnvironment(stack, "CE", {
      registryCredentials: [RegistryCredentials.fromSecretCompleteArn(local.asString, { registry: "quay.io" })],
      subnetIds: ["subnet-0a1b2c3d"],
      securityGroupIds: ["sg-0a1b2c3d"],
    });
    let script = "";
    withWorkspace(stack, (ws) => {
      ws.init();
      const [template] = planned(ws.plan({ secret_arn: arn }).json, "aws_launch_template");
      const mime = parseMime(Buffer.from(template.values.user_data, "base64").toString("utf8"));
      script = parseYaml(mime.parts.find((p) => p.contentType === "text/cloud-config")!.payload).write_files[0].content;
    });
    return script;
  }

  afterAll(() => fs.rmSync(marker, { force: true }));

  test("a hostile value is refused by the script without running any of it", () => {
    const script = plannedScript(HOSTILE);
    expect(script).not.toContain("touch");
    const run = runBootScript(script, { secrets: {}, existingEcsConfig: "ECS_CLUSTER=batch\n" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("the secret reference for registry quay.io is not a secret ARN or name");
    expect(fs.existsSync(marker)).toBe(false);
    expect(run.argv).not.toMatch(/secretsmanager|touch/);
    expect(run.ecsConfig).toBe("ECS_CLUSTER=batch\n");
  });

  test("from a variable directly, the same value is refused at plan by the variable's validation", () => {
    const stack = new TerraformStack(new App(), "hostile-variable");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const secret = new TerraformVariable(stack, "secret_arn", { type: "string" });
    new batch.ComputeEnvironment(stack, "CE", {
      registryCredentials: [RegistryCredentials.fromSecretCompleteArn(secret.stringValue, { registry: "quay.io" })],
      subnetIds: ["subnet-0a1b2c3d"],
      securityGroupIds: ["sg-0a1b2c3d"],
    });
    withWorkspace(stack, (ws) => {
      ws.init();
      expect(() => ws.plan({ secret_arn: HOSTILE })).toThrow(/the reference is not a Secrets Manager secret ARN/);
    });
  });

  test("a well-formed value is decoded and read (control)", () => {
    const run = runBootScript(plannedScript(GOOD), {
      secrets: { [GOOD]: JSON.stringify({ username: "robot", password: "pw" }) },
    });
    expect(run.status).toBe(0);
    expect(run.ecsConfig).toContain('ECS_ENGINE_AUTH_DATA={"quay.io":{"email":"","password":"pw","username":"robot"}}');
  });
});
