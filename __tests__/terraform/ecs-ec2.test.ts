import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RegistryCredentials, ecs } from "../../lib";
import { EcsEc2ExampleStack } from "../../examples/ecs-ec2-stack";
import { plannedResources as planned } from "../support/plan";
import { withWorkspace } from "../support/terraform";
import { cloudInitMerge, parseMime, runBootScript } from "../support/user-data";

// Real Terraform on ECS on EC2 (instance-level registry auth for a cluster's capacity).
const NETWORK = { subnet_ids: '["subnet-0a1b2c3d"]', security_group_ids: '["sg-0a1b2c3d"]' };
const SENTINEL = "S3ntinel-ecs-ec2-pa$$word";
const AMI_PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";

// The AMI comes from its public SSM parameter, which Terraform reads at plan: moto's server, which holds AWS's ECS
// AMI parameters, answers on loopback inside the plan's network namespace (planWithEmulator).
describe("the ECS-on-EC2 example under real Terraform", () => {
  test("plans the AL2023 AMI from its parameter, the group, the cluster's default capacity provider and a task without credentials", () => {
    withWorkspace(new EcsEc2ExampleStack(new App(), "ecs-ec2-private-registry"), (ws) => {
      ws.init();
      const { json, text, diagnostics } = ws.planWithEmulator({ ...NETWORK, dockerhub_token: SENTINEL });
      expect(diagnostics).toEqual([]);
      expect(text).not.toContain("S3ntinel");
      const counts: Record<string, number> = {};
      for (const r of json.resource_changes) counts[r.type] = (counts[r.type] ?? 0) + 1;
      expect(counts).toMatchObject({
        aws_launch_template: 1,
        aws_autoscaling_group: 1,
        aws_ecs_capacity_provider: 1,
        aws_ecs_cluster_capacity_providers: 1,
        aws_iam_instance_profile: 1,
        aws_ecs_task_definition: 1,
        aws_ecs_service: 1,
      });
      // The parameter as read at plan, from the emulator's copy of AWS's public parameters.
      const parameter = json.prior_state.values.root_module.resources.find((r: any) => r.type === "aws_ssm_parameter");
      expect(parameter.values.name).toBe(AMI_PARAMETER);
      const ami = parameter.values.insecure_value;
      expect(ami).toMatch(/^ami-[0-9a-f]+$/);
      const [template] = planned(json, "aws_launch_template");
      expect(template.values).toMatchObject({ image_id: ami, instance_type: "t3.medium" });
      expect(template.values.metadata_options).toEqual([
        expect.objectContaining({ http_tokens: "required", http_endpoint: "enabled", http_put_response_hop_limit: 1 }),
      ]);
      const [group] = planned(json, "aws_autoscaling_group");
      expect(group.values).toMatchObject({ min_size: 0, max_size: 4, vpc_zone_identifier: ["subnet-0a1b2c3d"] });
      expect(group.values.tag).toEqual([{ key: "AmazonECSManaged", value: "true", propagate_at_launch: true }]);
      const [provider] = planned(json, "aws_ecs_capacity_provider");
      expect(provider.values.auto_scaling_group_provider[0]).toMatchObject({
        managed_termination_protection: "DISABLED",
        managed_scaling: [expect.objectContaining({ status: "ENABLED", target_capacity: 100 })],
      });
      const [association] = planned(json, "aws_ecs_cluster_capacity_providers");
      expect(association.values).toMatchObject({
        cluster_name: "private-registry-ec2",
        capacity_providers: [provider.values.name],
      });
      const [service] = planned(json, "aws_ecs_service");
      expect(service.values.capacity_provider_strategy).toEqual([
        expect.objectContaining({ capacity_provider: provider.values.name, weight: 1 }),
      ]);
      const [task] = planned(json, "aws_ecs_task_definition");
      const containers = JSON.parse(task.values.container_definitions);
      expect(containers.map((c: any) => c.image)).toEqual([
        "example-user/private-app:1.0",
        "quay.io/example/worker:2.3",
      ]);
      for (const c of containers) expect(c).not.toHaveProperty("repositoryCredentials");
    });
  });
});

describe("a capacity with literal values: the planned user data, merged by cloud-init, run in the boot sandbox", () => {
  const HUB = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:hub-AbC123";
  const QUAY = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:quay-XyZ789";
  const stack = new TerraformStack(new App(), "literal-ecs-ec2");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const capacity = new ecs.AsgCapacityProvider(stack, "Capacity", {
    clusterName: "apps",
    registryCredentials: [
      RegistryCredentials.fromSecretCompleteArn(HUB, { registry: "docker.io" }),
      RegistryCredentials.fromSecretCompleteArn(QUAY, { registry: "quay.io" }),
    ],
    subnetIds: ["subnet-0a1b2c3d"],
    securityGroupIds: ["sg-0a1b2c3d"],
    instanceType: "t3.medium",
    imageId: "ami-0123456789abcdef0",
    userDataParts: [
      {
        contentType: "text/cloud-config",
        content: "#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: mine\nruncmd:\n  - [echo, mine]\n",
      },
    ],
  });
  let userData = "";

  beforeAll(() => {
    withWorkspace(stack, (ws) => {
      ws.init();
      const { json, diagnostics } = ws.plan();
      expect(diagnostics).toEqual([]);
      userData = Buffer.from(planned(json, "aws_launch_template")[0].values.user_data, "base64").toString("utf8");
    });
  });

  test("the planned user data decodes to exactly what the construct rendered", () => {
    expect(userData).toBe(capacity.userData);
    expect(parseMime(userData).parts.map((p) => p.contentType)).toEqual(["text/cloud-config", "text/cloud-config"]);
  });

  test("cloud-init's own merge keeps the user's files and commands and ours: ECS_CLUSTER, then the boot script", () => {
    const merged = cloudInitMerge(userData);
    expect(merged.write_files.map((f: any) => f.path)).toEqual([
      "/etc/motd",
      "/etc/ecs/ecs.config",
      "/usr/local/sbin/ecs-registry-auth",
    ]);
    expect(merged.write_files[1]).toMatchObject({
      append: true,
      permissions: "0600",
      content: "ECS_CLUSTER=apps\nECS_AWSVPC_BLOCK_IMDS=true\n",
    });
    expect(merged.runcmd).toEqual([["echo", "mine"], ["/usr/local/sbin/ecs-registry-auth"]]);
  });

  test("the merged boot script writes both registries' credentials and keeps the ECS_CLUSTER cloud-init wrote", () => {
    const merged = cloudInitMerge(userData);
    const run = runBootScript(merged.write_files[2].content, {
      region: "eu-west-1",
      existingEcsConfig: merged.write_files[1].content,
      secrets: {
        [HUB]: JSON.stringify({ username: "hub-robot", password: "hub-pw" }),
        [QUAY]: JSON.stringify({ username: "quay-robot", password: "quay-pw" }),
      },
    });
    expect(run.stderr).toContain("wrote credentials for 2 registries");
    expect(run.status).toBe(0);
    const lines = (run.ecsConfig ?? "").trim().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "ECS_CLUSTER=apps",
      "ECS_AWSVPC_BLOCK_IMDS=true",
      "ECS_ENGINE_AUTH_TYPE=docker",
    ]);
    expect(JSON.parse(lines[3]!.replace(/^ECS_ENGINE_AUTH_DATA=/, ""))).toEqual({
      "https://index.docker.io/v1/": { username: "hub-robot", password: "hub-pw", email: "" },
      "quay.io": { username: "quay-robot", password: "quay-pw", email: "" },
    });
  });
});
