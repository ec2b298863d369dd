import { Testing, TerraformVariable, Token } from "cdktf";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { CpuArchitecture, InstanceRegistryAuth, ecs } from "../../lib";
import { decodeDocument } from "../support/documents";
import { HUB_ARN, hub, network, quay, ref, resourcesOf, SECRET_ARN, synthObject, testStack } from "../support/stacks";

const capacity = (stack = testStack(), props: Partial<ecs.AsgCapacityProviderProps> = {}) =>
  new ecs.AsgCapacityProvider(stack, "Capacity", {
    clusterName: "apps",
    registryCredentials: [hub(), quay()],
    ...network,
    instanceType: "t3.medium",
    ...props,
  });

describe("ecs.AsgCapacityProvider", () => {
  test("a launch template with the ECS AL2023 AMI, IMDSv2 only and our user data; a group; a managed capacity provider, the cluster's default", () => {
    const stack = testStack();
    const cp = capacity(stack);
    const synth = Testing.synth(stack);
    expect(synth).toHaveDataSourceWithProperties(DataAwsSsmParameter, {
      name: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    });
    expect(synth).toHaveResourceWithProperties(LaunchTemplate, {
      image_id: expect.stringMatching(/^\$\{data\.aws_ssm_parameter\.\w+\.insecure_value\}$/),
      instance_type: "t3.medium",
      iam_instance_profile: { arn: ref(stack, cp.instanceProfile.arn) },
      vpc_security_group_ids: ["sg-0a1b2c3d"],
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
      update_default_version: true,
      user_data: expect.stringMatching(/^\$\{base64encode\("MIME-Version: 1\.0\\n[^]*"\)\}$/),
    });
    expect(cp.userData).toContain('content: "ECS_CLUSTER=apps\\nECS_AWSVPC_BLOCK_IMDS=true\\n"');
    expect(synth).toHaveResourceWithProperties(AutoscalingGroup, {
      min_size: 0,
      max_size: 10,
      vpc_zone_identifier: ["subnet-0a1b2c3d", "subnet-0a1b2c3e"],
      launch_template: {
        id: ref(stack, cp.launchTemplate.id),
        version: ref(stack, Token.asString(cp.launchTemplate.latestVersion)),
      },
      instance_refresh: { strategy: "Rolling", preferences: { min_healthy_percentage: 90 } },
      tag: [{ key: "AmazonECSManaged", value: "true", propagate_at_launch: true }],
    });
    // managed scaling owns the desired capacity: not set, so Terraform never sets it back
    expect(resourcesOf(stack, "aws_autoscaling_group")[0]).not.toHaveProperty("desired_capacity");
    expect(resourcesOf(stack, "aws_autoscaling_group")[0]).not.toHaveProperty("lifecycle");
    expect(synth).toHaveResourceWithProperties(EcsCapacityProvider, {
      name: "capacity-test-Capacity",
      auto_scaling_group_provider: {
        auto_scaling_group_arn: ref(stack, cp.autoScalingGroup.arn),
        managed_scaling: { status: "ENABLED", target_capacity: 100 },
        managed_termination_protection: "DISABLED",
        managed_draining: "ENABLED",
      },
    });
    expect(synth).toHaveResourceWithProperties(EcsClusterCapacityProviders, {
      cluster_name: "apps",
      capacity_providers: [ref(stack, cp.resource.name)],
      default_capacity_provider_strategy: [{ capacity_provider: ref(stack, cp.resource.name), weight: 1, base: 0 }],
    });
    // read through the association, so a service using it waits for the cluster to have the provider
    expect(ref(stack, cp.capacityProviderName)).toMatch(
      /^\$\{one\(tolist\(aws_ecs_cluster_capacity_providers\.\w+\.capacity_providers\)\)\}$/,
    );
    expect(synth).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: expect.stringContaining("service-role/AmazonEC2ContainerServiceforEC2Role"),
    });
    const policies = resourcesOf(stack, "aws_iam_role_policy");
    expect(policies).toHaveLength(1);
    expect(decodeDocument(policies[0].policy).Statement[0].Resource).toEqual([HUB_ARN, SECRET_ARN]);
  });

  test("renders the user data InstanceRegistryAuth renders for the same cluster and credentials", () => {
    const stack = testStack();
    const cp = capacity(stack, { refreshCredentialsMinutes: 30 });
    const auth = new InstanceRegistryAuth(stack, "Auth", {
      registryCredentials: [hub(), quay()],
      clusterName: "apps",
      refreshCredentialsMinutes: 30,
    });
    expect(cp.userData).toBe(auth.userData);
  });

  test("ARM64 reads the arm64 AMI parameter; a given AMI reads none; sizes, target and tags pass through", () => {
    const arm = testStack();
    capacity(arm, { cpuArchitecture: CpuArchitecture.ARM64, instanceType: "m7g.large" });
    expect(Testing.synth(arm)).toHaveDataSourceWithProperties(DataAwsSsmParameter, {
      name: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
    });
    const own = testStack();
    capacity(own, {
      imageId: "ami-0123456789abcdef0",
      minSize: 1,
      maxSize: 4,
      targetCapacityPercent: 80,
      capacityProviderName: "apps-ec2",
      tags: { team: "platform" },
    });
    expect(synthObject(own).data?.aws_ssm_parameter).toBeUndefined();
    const synth = Testing.synth(own);
    expect(synth).toHaveResourceWithProperties(LaunchTemplate, {
      image_id: "ami-0123456789abcdef0",
      tags: { team: "platform" },
    });
    expect(synth).toHaveResourceWithProperties(AutoscalingGroup, {
      min_size: 1,
      max_size: 4,
      tag: [
        { key: "AmazonECSManaged", value: "true", propagate_at_launch: true },
        { key: "team", value: "platform", propagate_at_launch: true },
      ],
    });
    expect(synth).toHaveResourceWithProperties(EcsCapacityProvider, { name: "apps-ec2", tags: { team: "platform" } });
    expect(resourcesOf(own, "aws_ecs_capacity_provider")[0].auto_scaling_group_provider.managed_scaling).toEqual({
      status: "ENABLED",
      target_capacity: 80,
    });
  });

  test("two capacities associating one cluster are refused; with associateWithCluster: false both are fine", () => {
    const stack = testStack();
    capacity(stack);
    expect(
      () =>
        new ecs.AsgCapacityProvider(stack, "Second", {
          clusterName: "apps",
          registryCredentials: [quay()],
          ...network,
          instanceType: "t3.large",
        }),
    ).toThrow(
      "ecs.AsgCapacityProvider test/Second: another ecs.AsgCapacityProvider in this stack already associates its cluster. Fix: set associateWithCluster: false on each and write one aws_ecs_cluster_capacity_providers listing them all.",
    );
    const other = testStack();
    capacity(other, { associateWithCluster: false });
    new ecs.AsgCapacityProvider(other, "Second", {
      clusterName: "apps",
      registryCredentials: [quay()],
      ...network,
      instanceType: "t3.large",
      associateWithCluster: false,
    });
    expect(resourcesOf(other, "aws_ecs_capacity_provider")).toHaveLength(2);
  });

  test("associateWithCluster: false leaves the cluster's capacity providers to you", () => {
    const stack = testStack();
    const cp = capacity(stack, { associateWithCluster: false });
    expect(cp.clusterCapacityProviders).toBeUndefined();
    expect(resourcesOf(stack, "aws_ecs_cluster_capacity_providers")).toEqual([]);
    expect(ref(stack, cp.capacityProviderName)).toBe(ref(stack, cp.resource.name));
  });

  test("references pass unchecked: a cluster name, an instance type and sizes from variables", () => {
    const stack = testStack();
    const v = (name: string, type = "string") => new TerraformVariable(stack, name, { type });
    capacity(stack, {
      clusterName: v("cluster").stringValue,
      instanceType: v("type").stringValue,
      minSize: v("min", "number").numberValue,
      maxSize: v("max", "number").numberValue,
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(AutoscalingGroup, {
      min_size: "${var.min}",
      max_size: "${var.max}",
    });
  });

  test.each([
    [
      { instanceType: "t3" },
      'instanceType "t3" is not an EC2 instance type. Fix: use a family and a size, such as t3.medium or m7g.large.',
    ],
    [{ minSize: 5, maxSize: 2 }, "minSize 5 is above maxSize 2. Fix: make minSize at most maxSize."],
    [{ maxSize: 0 }, "maxSize 0 is out of range"],
    [{ targetCapacityPercent: 0 }, "targetCapacityPercent 0 is out of range"],
    [{ targetCapacityPercent: 101 }, "targetCapacityPercent 101 is out of range"],
    [
      { capacityProviderName: "ecs-apps" },
      'capacityProviderName "ecs-apps" starts with a prefix ECS reserves (aws, ecs, fargate)',
    ],
    [{ capacityProviderName: "a b" }, 'capacityProviderName "a b" is invalid'],
    [{ subnetIds: [] }, "subnetIds is empty"],
    [{ securityGroupIds: ["group-1"] }, "securityGroupIds"],
    [{ imageId: "ami-1" }, 'imageId "ami-1" is not an AMI id'],
    [
      { registryCredentials: [] },
      "registryCredentials is empty. Fix: pass at least one RegistryCredentials (or use a plain aws_ecs_capacity_provider).",
    ],
    [{ clusterName: "my cluster" }, 'clusterName "my cluster" is not an ECS cluster name'],
    [{ tags: { AmazonECSManaged: "false" } }, "tags sets AmazonECSManaged, which this construct sets for ECS"],
  ])("refuses %j at synth, naming itself", (props, message) => {
    expect(() => capacity(testStack(), props)).toThrow(/^ecs\.AsgCapacityProvider test\/Capacity: /);
    expect(() => capacity(testStack(), props)).toThrow(message);
  });
});
