import { Testing, Token } from "cdktf";
import { BatchComputeEnvironment } from "@cdktf/provider-aws/lib/batch-compute-environment";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { RegistryCredentials, batch } from "../../lib";
import { decodeDocument } from "../support/documents";
import { CE_NAME } from "../support/line";
import { HUB_ARN, hub, KEY_ARN, network, quay, ref, resourcesOf, SECRET_ARN, testStack } from "../support/stacks";

describe("batch.ComputeEnvironment", () => {
  test("launch template with IMDSv2, user data for every registry, instance role with exactly those secrets", () => {
    const stack = testStack();
    const ce = new batch.ComputeEnvironment(stack, "CE", {
      registryCredentials: [hub(), quay()],
      ...network,
      instanceTypes: ["c6i", "m6i"],
      minVcpus: 2,
      maxVcpus: 32,
      name: "private",
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
      update_default_version: true,
      user_data: expect.stringMatching(/^\$\{base64encode\("MIME-Version: 1\.0\\n[^]*"\)\}$/),
    });
    expect(synth).toHaveResourceWithProperties(BatchComputeEnvironment, {
      [CE_NAME]: "private",
      type: "MANAGED",
      state: "ENABLED",
      compute_resources: {
        type: "EC2",
        allocation_strategy: "BEST_FIT_PROGRESSIVE",
        instance_role: ref(stack, ce.instanceProfile.arn),
        instance_type: ["c6i", "m6i"],
        min_vcpus: 2,
        max_vcpus: 32,
        subnets: ["subnet-0a1b2c3d", "subnet-0a1b2c3e"],
        security_group_ids: ["sg-0a1b2c3d"],
        ec2_configuration: [{ image_type: "ECS_AL2023" }],
        launch_template: {
          launch_template_id: ref(stack, ce.launchTemplate.id),
          version: ref(stack, Token.asString(ce.launchTemplate.latestVersion)),
        },
      },
      update_policy: { job_execution_timeout_minutes: 30, terminate_jobs_on_update: false },
    });
    expect(resourcesOf(stack, "aws_batch_compute_environment")[0]).not.toHaveProperty("service_role");
    expect(synth).toHaveResourceWithProperties(IamRole, {
      assume_role_policy: expect.stringContaining('"Service":"ec2.amazonaws.com"'),
    });
    expect(synth).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: expect.stringContaining("service-role/AmazonEC2ContainerServiceforEC2Role"),
    });
    const policy = decodeDocument(resourcesOf(stack, "aws_iam_role_policy")[0].policy);
    expect(policy.Statement[0].Resource).toEqual([HUB_ARN, SECRET_ARN]);
    expect(policy.Statement[1]).toMatchObject({ Action: "kms:Decrypt", Resource: KEY_ARN });
    const local = resourcesOf(stack, "aws_launch_template")[0].user_data as string;
    expect(local).toContain(`'https://index.docker.io/v1/ ${HUB_ARN}'`);
    expect(local).toContain(`'quay.io ${SECRET_ARN}'`);
    expect(local).toContain("\\u0024{AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}");
    expect(ce.userData).toContain("${AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}");
  });

  test("Spot defaults to SPOT_PRICE_CAPACITY_OPTIMIZED; user parts, AMI and service role pass through", () => {
    const stack = testStack();
    const ce = new batch.ComputeEnvironment(stack, "CE", {
      registryCredentials: [quay()],
      ...network,
      spot: true,
      bidPercentage: 60,
      imageType: batch.ImageType.ECS_AL2,
      imageId: "ami-0123456789abcdef0",
      serviceRoleArn: "arn:aws:iam::111122223333:role/batch",
      userDataParts: [{ contentType: "text/x-shellscript", content: "#!/bin/bash\necho mine" }],
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(BatchComputeEnvironment, {
      service_role: "arn:aws:iam::111122223333:role/batch",
      compute_resources: expect.objectContaining({
        type: "SPOT",
        allocation_strategy: "SPOT_PRICE_CAPACITY_OPTIMIZED",
        bid_percentage: 60,
        ec2_configuration: [{ image_type: "ECS_AL2", image_id_override: "ami-0123456789abcdef0" }],
      }),
    });
    expect(ce.userData.indexOf("echo mine")).toBeLessThan(ce.userData.indexOf("#cloud-config"));
    expect(ce.node.metadata.map((m) => m.data)).toEqual([
      expect.stringMatching(/cannot update this compute environment in place/),
    ]);
  });

  test("refreshCredentialsMinutes installs the refresh timer in the instances' user data", () => {
    const ce = new batch.ComputeEnvironment(testStack(), "CE", {
      registryCredentials: [quay()],
      ...network,
      refreshCredentialsMinutes: 30,
    });
    expect(ce.userData).toContain("OnUnitActiveSec=30min");
    expect(ce.userData).toContain("[systemctl, enable, --now, ecs-registry-auth-refresh.timer]");
  });

  test("a partial secret ARN warns once on the compute environment and is granted with the suffix wildcard", () => {
    const stack = testStack();
    const partial = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/quay";
    const ce = new batch.ComputeEnvironment(stack, "CE", {
      registryCredentials: [RegistryCredentials.fromSecretArn(partial, { registry: "quay.io" })],
      ...network,
    });
    expect(ce.node.metadata.map((m) => m.data)).toEqual([expect.stringMatching(/not a complete secret ARN/)]);
    expect(decodeDocument(resourcesOf(stack, "aws_iam_role_policy")[0].policy).Statement[0].Resource).toBe(
      `${partial}-??????`,
    );
  });

  test.each([
    [{ registryCredentials: [] }, /registryCredentials is empty/],
    [
      { registryCredentials: [RegistryCredentials.fromSecretArn(SECRET_ARN)] },
      /does not say which registry.*Fix: pass RegistryCredentials\.fromSecretCompleteArn\(arn, \{ registry: "quay.io" \}\)/,
    ],
    [
      { registryCredentials: [quay(), RegistryCredentials.fromSecretArn(HUB_ARN, { registry: "quay.io" })] },
      /registryCredentials\[1\] registry "quay.io" is listed twice/,
    ],
    [{ subnetIds: [] }, /subnetIds is empty/],
    [{ minVcpus: 8, maxVcpus: 4 }, /minVcpus 8 is above maxVcpus 4\. Fix: make minVcpus at most maxVcpus/],
    [{ allocationStrategy: batch.AllocationStrategy.SPOT_CAPACITY_OPTIMIZED }, /is for Spot/],
    [
      { bidPercentage: 50 },
      /bidPercentage 50 is given, but the compute environment is On-Demand\. Fix: set spot: true/,
    ],
    [
      { spot: true, bidPercentage: 150 },
      /bidPercentage 150 is out of range\. Fix: give bidPercentage as a whole number from 1 to 100/,
    ],
    [{ name: "has space" }, /name "has space" is invalid/],
    [
      { refreshCredentialsMinutes: 2 },
      /refreshCredentialsMinutes 2 is (?:out of range|not a whole number)\. Fix: give refreshCredentialsMinutes as a whole number from 5 to 1440/,
    ],
    [
      { userDataParts: [{ contentType: "text/x-shellscript", content: "==cdktf-private-registry-7f3c1a==" }] },
      /userDataParts\[0\] contains the MIME boundary/,
    ],
    [
      { userDataParts: [{ contentType: "not a type", content: "x" }] },
      /userDataParts\[0\] content type "not a type" is not a MIME type/,
    ],
  ])("rejects %#", (override, message) => {
    expect(
      () => new batch.ComputeEnvironment(testStack(), "CE", { registryCredentials: [quay()], ...network, ...override }),
    ).toThrow(new RegExp(`^batch\\.ComputeEnvironment test/CE: .*${message.source}`));
  });
});
