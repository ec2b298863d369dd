import { Testing } from "cdktf";
import { BatchComputeEnvironment } from "@cdktf/provider-aws/lib/batch-compute-environment";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { BatchJobQueue } from "@cdktf/provider-aws/lib/batch-job-queue";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { ContainerImage, EphemeralVariable, RegistryCredentials, RegistrySecret, batch } from "../lib";
import { KEY_ARN, SECRET_ARN, resourcesOf, synthObject, testStack } from "./support/stacks";

const HUB_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/hub-Hh1234";
const quay = () => RegistryCredentials.fromSecretArn(SECRET_ARN, { registry: "quay.io", kmsKeyArn: KEY_ARN });
const hub = () => RegistryCredentials.fromSecretArn(HUB_ARN, { registry: "docker.io" });
const network = { subnetIds: ["subnet-1", "subnet-2"], securityGroupIds: ["sg-1"] };
const propsOf = (stack: ReturnType<typeof testStack>) => JSON.parse(resourcesOf(stack, "aws_batch_job_definition")[0].container_properties);

describe("batch.JobDefinition", () => {
  test("Fargate: native repositoryCredentials, created execution role granted read, platform and network", () => {
    const stack = testStack();
    const job = new batch.JobDefinition(stack, "Job", {
      platform: batch.Platform.FARGATE,
      image: ContainerImage.fromRegistry("quay.io/org/job:1", { credentials: quay() }),
      vcpus: 0.25,
      memoryMiB: 512,
      command: ["go"],
      environment: { MODE: "batch" },
      jobRoleArn: "arn:aws:iam::111122223333:role/job",
      retryAttempts: 3,
      timeoutSeconds: 600,
      assignPublicIp: true,
      fargatePlatformVersion: "1.4.0",
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(BatchJobDefinition, {
      name: "test-Job",
      type: "container",
      platform_capabilities: ["FARGATE"],
      retry_strategy: { attempts: 3 },
      timeout: { attempt_duration_seconds: 600 },
    });
    expect(propsOf(stack)).toEqual({
      image: "quay.io/org/job:1",
      resourceRequirements: [{ type: "VCPU", value: "0.25" }, { type: "MEMORY", value: "512" }],
      executionRoleArn: "${aws_iam_role.Job_ExecutionRole_42E12443.arn}",
      repositoryCredentials: { credentialsParameter: SECRET_ARN },
      jobRoleArn: "arn:aws:iam::111122223333:role/job",
      command: ["go"],
      environment: [{ name: "MODE", value: "batch" }],
      fargatePlatformConfiguration: { platformVersion: "1.4.0" },
      networkConfiguration: { assignPublicIp: "ENABLED" },
    });
    const policy = JSON.parse(resourcesOf(stack, "aws_iam_role_policy")[0].policy);
    expect(policy.Statement.map((s: any) => [s.Action, s.Resource])).toEqual([["secretsmanager:GetSecretValue", SECRET_ARN], ["kms:Decrypt", KEY_ARN]]);
    expect(synth).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: expect.stringContaining("AmazonECSTaskExecutionRolePolicy") });
    expect(job.arn).toBeDefined();
  });

  test("EC2 with a given execution role and a RegistrySecret", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Exec", { assumeRolePolicy: "{}" });
    const secret = new RegistrySecret(stack, "Hub", { registry: "docker.io", username: "u", password: new EphemeralVariable(stack, "pw").value });
    new batch.JobDefinition(stack, "Job", { platform: batch.Platform.EC2, image: ContainerImage.fromRegistry("me/app", { credentials: secret.credentials }), executionRole: role, name: "nightly" });
    expect(resourcesOf(stack, "aws_iam_role")).toHaveLength(1);
    const props = propsOf(stack);
    expect(props.repositoryCredentials.credentialsParameter).toMatch(/aws_secretsmanager_secret_version\.Hub_Value_\w+\.arn/);
    expect(props.executionRoleArn).toBe("${aws_iam_role.Exec.arn}");
    expect(props.resourceRequirements).toEqual([{ type: "VCPU", value: "1" }, { type: "MEMORY", value: "2048" }]);
    expect(props).not.toHaveProperty("fargatePlatformConfiguration");
  });

  test.each([
    [{ platform: batch.Platform.FARGATE, vcpus: 3 }, /Fargate has no 3 vCPU size/],
    [{ platform: batch.Platform.FARGATE, vcpus: 0.25, memoryMiB: 4096 }, /Fargate does not accept 4096 MiB with 0.25 vCPU\. Fix: use memoryMiB 512, 1024-2048/],
    [{ platform: batch.Platform.FARGATE, fargatePlatformVersion: "1.1.0" }, /platform version "1.1.0" cannot pull with registry credentials \(needs 1.2.0/],
    [{ platform: batch.Platform.EC2, vcpus: 0.5 }, /vcpus 0.5 is not a whole number/],
    [{ platform: batch.Platform.EC2, assignPublicIp: true }, /apply only to Fargate/],
    [{ platform: batch.Platform.EC2, retryAttempts: 11 }, /retryAttempts 11 is outside 1-10/],
    [{ platform: batch.Platform.EC2, timeoutSeconds: 30 }, /timeoutSeconds 30 is below Batch's minimum of 60/],
    [{ platform: batch.Platform.EC2, environment: { AWS_BATCH_X: "1" } }, /reserved AWS_BATCH prefix/],
    [{ platform: batch.Platform.EC2, name: "bad name" }, /name "bad name" is invalid/],
  ])("rejects %j", (props, message) => {
    expect(() => new batch.JobDefinition(testStack(), "Job", { image: ContainerImage.fromRegistry("nginx"), ...props })).toThrow(
      new RegExp(`^batch\\.JobDefinition test/Job: .*${message.source}`),
    );
  });
});

describe("batch.ComputeEnvironment", () => {
  test("launch template with IMDSv2, user data for every registry, instance role with exactly those secrets", () => {
    const stack = testStack();
    const ce = new batch.ComputeEnvironment(stack, "CE", { registryCredentials: [hub(), quay()], ...network, instanceTypes: ["c6i", "m6i"], minVcpus: 2, maxVcpus: 32, name: "private" });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
      update_default_version: true,
      user_data: "${base64encode(local.CE_UserData_BB285DEE)}",
    });
    expect(synth).toHaveResourceWithProperties(BatchComputeEnvironment, {
      compute_environment_name: "private",
      type: "MANAGED",
      state: "ENABLED",
      compute_resources: {
        type: "EC2",
        allocation_strategy: "BEST_FIT_PROGRESSIVE",
        instance_role: "${aws_iam_instance_profile.CE_InstanceProfile_F34B754D.arn}",
        instance_type: ["c6i", "m6i"],
        min_vcpus: 2,
        max_vcpus: 32,
        subnets: ["subnet-1", "subnet-2"],
        security_group_ids: ["sg-1"],
        ec2_configuration: [{ image_type: "ECS_AL2023" }],
        launch_template: { launch_template_id: "${aws_launch_template.CE_LaunchTemplate_778426EE.id}", version: "${aws_launch_template.CE_LaunchTemplate_778426EE.latest_version}" },
      },
      update_policy: { job_execution_timeout_minutes: 30, terminate_jobs_on_update: false },
    });
    expect(resourcesOf(stack, "aws_batch_compute_environment")[0]).not.toHaveProperty("service_role");
    expect(synth).toHaveResourceWithProperties(IamRole, { assume_role_policy: expect.stringContaining('"Service":"ec2.amazonaws.com"') });
    expect(synth).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: expect.stringContaining("service-role/AmazonEC2ContainerServiceforEC2Role") });
    const policy = JSON.parse(resourcesOf(stack, "aws_iam_role_policy")[0].policy);
    expect(policy.Statement[0].Resource).toEqual([HUB_ARN, SECRET_ARN]);
    expect(policy.Statement[1]).toMatchObject({ Action: "kms:Decrypt", Resource: KEY_ARN });
    const local = Object.values(synthObject(stack).locals)[0] as string;
    expect(local).toContain(`'https://index.docker.io/v1/ ${HUB_ARN}'`);
    expect(local).toContain(`'quay.io ${SECRET_ARN}'`);
    expect(local).toContain("$${AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}");
    expect(ce.userData).toContain("${AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}");
  });

  test("Spot defaults to SPOT_PRICE_CAPACITY_OPTIMIZED; user parts, AMI and service role pass through", () => {
    const stack = testStack();
    const ce = new batch.ComputeEnvironment(stack, "CE", {
      registryCredentials: [quay()], ...network, type: batch.ComputeType.SPOT, bidPercentage: 60,
      imageType: batch.ImageType.ECS_AL2, imageId: "ami-123", serviceRoleArn: "arn:aws:iam::111122223333:role/batch",
      userDataParts: [{ contentType: "text/x-shellscript", content: "#!/bin/bash\necho mine" }],
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(BatchComputeEnvironment, {
      service_role: "arn:aws:iam::111122223333:role/batch",
      compute_resources: expect.objectContaining({ type: "SPOT", allocation_strategy: "SPOT_PRICE_CAPACITY_OPTIMIZED", bid_percentage: 60, ec2_configuration: [{ image_type: "ECS_AL2", image_id_override: "ami-123" }] }),
    });
    expect(ce.userData.indexOf("echo mine")).toBeLessThan(ce.userData.indexOf("#cloud-config"));
    expect(ce.node.metadata.map((m) => m.data)).toEqual([expect.stringMatching(/cannot update this compute environment in place/)]);
  });

  test("a partial secret ARN warns once on the compute environment and is granted with the suffix wildcard", () => {
    const stack = testStack();
    const partial = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/quay";
    const ce = new batch.ComputeEnvironment(stack, "CE", { registryCredentials: [RegistryCredentials.fromSecretArn(partial, { registry: "quay.io" })], ...network });
    expect(ce.node.metadata.map((m) => m.data)).toEqual([expect.stringMatching(/not a complete secret ARN/)]);
    expect(JSON.parse(resourcesOf(stack, "aws_iam_role_policy")[0].policy).Statement[0].Resource).toBe(`${partial}-??????`);
  });

  test.each([
    [{ type: batch.ComputeType.FARGATE }, /Fargate compute environments take no launch template.*Fix: for Fargate, give each job its credentials with batch\.JobDefinition/],
    [{ type: batch.ComputeType.FARGATE_SPOT }, /Fargate compute environments/],
    [{ registryCredentials: [] }, /registryCredentials is empty/],
    [{ registryCredentials: [RegistryCredentials.fromSecretArn(SECRET_ARN)] }, /does not say which registry.*Fix: pass RegistryCredentials\.fromSecretArn\(arn, \{ registry: "quay.io" \}\)/],
    [{ registryCredentials: [quay(), RegistryCredentials.fromSecretArn(HUB_ARN, { registry: "quay.io" })] }, /registry "quay.io" is listed twice/],
    [{ subnetIds: [] }, /subnetIds is empty/],
    [{ minVcpus: 8, maxVcpus: 4 }, /not a valid range/],
    [{ allocationStrategy: batch.AllocationStrategy.SPOT_CAPACITY_OPTIMIZED }, /is for Spot/],
    [{ bidPercentage: 50 }, /bidPercentage 50 is not valid here/],
  ])("rejects %#", (override, message) => {
    expect(() => new batch.ComputeEnvironment(testStack(), "CE", { registryCredentials: [quay()], ...network, ...override })).toThrow(message);
  });
});

describe("batch.JobQueue", () => {
  test("orders compute environments", () => {
    const stack = testStack();
    const a = new batch.ComputeEnvironment(stack, "A", { registryCredentials: [quay()], ...network, type: batch.ComputeType.SPOT });
    const b = new batch.ComputeEnvironment(stack, "B", { registryCredentials: [quay()], ...network });
    new batch.JobQueue(stack, "Queue", { computeEnvironments: [a, b, { arn: "arn:aws:batch:eu-west-1:111122223333:compute-environment/other" }], priority: 10, state: batch.JobQueueState.DISABLED });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(BatchJobQueue, {
      name: "test-Queue",
      priority: 10,
      state: "DISABLED",
      compute_environment_order: [
        { order: 0, compute_environment: "${aws_batch_compute_environment.A_CCC8ACD5.arn}" },
        { order: 1, compute_environment: "${aws_batch_compute_environment.B_08E7C7AF.arn}" },
        { order: 2, compute_environment: "arn:aws:batch:eu-west-1:111122223333:compute-environment/other" },
      ],
    });
  });

  test.each([
    [{ computeEnvironments: [] }, /0 compute environments were given/],
    [{ computeEnvironments: [1, 2, 3, 4].map((i) => ({ arn: `arn:${i}` })) }, /4 compute environments.*at most three/],
    [{ computeEnvironments: [{ arn: "x" }], priority: -1 }, /priority -1/],
  ])("rejects %#", (props, message) => {
    expect(() => new batch.JobQueue(testStack(), "Q", props)).toThrow(message);
  });
});
