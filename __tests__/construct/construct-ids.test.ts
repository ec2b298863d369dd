import { Testing } from "cdktf";
import { ContainerImage, EphemeralVariable, RegistrySecret, batch, ecs } from "../../lib";
import { network, quay, synthObject, testStack } from "../support/stacks";

// Terraform addresses come from construct ids: changing one makes Terraform destroy and recreate the resource.
// This is the one test that spells the generated logical ids out, so such a change is a deliberate act.
test("construct ids, and so Terraform addresses, stay stable", () => {
  const stack = testStack();
  const secret = new RegistrySecret(stack, "Hub", {
    registry: "docker.io",
    username: "u",
    password: new EphemeralVariable(stack, "pw").value,
  });
  const task = new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.FARGATE });
  task.addContainer("app", { image: ContainerImage.fromRegistry("me/app", { credentials: secret.credentials }) });
  new batch.JobDefinition(stack, "Job", {
    platform: batch.Platform.EC2,
    image: ContainerImage.fromRegistry("quay.io/o/a", { credentials: quay() }),
  });
  const ce = new batch.ComputeEnvironment(stack, "CE", { registryCredentials: [quay()], ...network });
  new batch.JobQueue(stack, "Queue", { computeEnvironments: [ce] });
  Testing.synth(stack);
  const resources = synthObject(stack).resource;
  const addresses = Object.entries(resources)
    .flatMap(([type, byId]) => Object.keys(byId as object).map((id) => `${type}.${id}`))
    .sort();
  expect(addresses).toEqual([
    "aws_batch_compute_environment.CE_1BFE03A1",
    "aws_batch_job_definition.Job_B9D00F9F",
    "aws_batch_job_queue.Queue_4A7E3555",
    "aws_ecs_task_definition.Task_79114B6B",
    "aws_iam_instance_profile.CE_InstanceProfile_F34B754D",
    "aws_iam_role.CE_InstanceRole_5F2023F8",
    "aws_iam_role.Job_ExecutionRole_42E12443",
    "aws_iam_role.Task_ExecutionRole_AAB5EA0C",
    "aws_iam_role_policy.CE_InstanceRole_PrivateRegistrySecretRead_Policy_A614016F",
    "aws_iam_role_policy.Job_ExecutionRole_PrivateRegistrySecretRead_Policy_5C416AB0",
    "aws_iam_role_policy.Task_ExecutionRole_PrivateRegistrySecretRead_Policy_71D6DDBD",
    "aws_iam_role_policy_attachment.CE_InstanceRole_EcsInstancePolicy_DEE2DA74",
    "aws_iam_role_policy_attachment.Job_ExecutionRole_ManagedPolicy_9B807D3F",
    "aws_iam_role_policy_attachment.Task_ExecutionRole_ManagedPolicy_6F027120",
    "aws_launch_template.CE_LaunchTemplate_778426EE",
    "aws_secretsmanager_secret.Hub_Secret_F5BF8217",
    "aws_secretsmanager_secret_version.Hub_Value_E2ED4D8A",
  ]);
});
