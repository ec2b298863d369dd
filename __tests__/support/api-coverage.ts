// Which prop sets each member of the API shapes the library writes, or why none does. The coverage test holds this
// against AWS's API model (every member listed, nothing else), against the synthesized full stacks (every member a
// prop sets is rendered) and against the README (which shows these tables).

export type Coverage = { readonly prop: string; readonly arg?: string } | { readonly excluded: string };

export interface ShapeCoverage {
  readonly service: "ecs" | "batch";
  readonly shape: string;
  readonly title: string;
  /** Where the members live: a container document, or the Terraform resource's arguments. */
  readonly where: "document" | "resource";
  readonly members: Record<string, Coverage>;
}

const OVERRIDE = "`resource.addOverride(...)` (see Escape hatches)";

const ECS_CONTAINER: Record<string, Coverage> = {
  name: { prop: "`addContainer(name, ...)`" },
  image: { prop: "`image`" },
  repositoryCredentials: { prop: "`image` (`ContainerImage.fromRegistry(..., { credentials })`)" },
  cpu: { prop: "`cpu`" },
  memory: { prop: "`memoryMiB`" },
  memoryReservation: { prop: "`memoryReservationMiB`" },
  links: { prop: "`links`" },
  portMappings: { prop: "`portMappings`" },
  essential: { prop: "`essential`" },
  restartPolicy: { prop: "`restartPolicy`" },
  entryPoint: { prop: "`entryPoint`" },
  command: { prop: "`command`" },
  environment: { prop: "`environment`" },
  environmentFiles: { prop: "`environmentFiles`" },
  mountPoints: { prop: "`mountPoints`" },
  volumesFrom: { prop: "`volumesFrom`" },
  linuxParameters: { prop: "`linuxParameters`" },
  secrets: { prop: "`secrets`" },
  dependsOn: { prop: "`dependsOn`" },
  startTimeout: { prop: "`startTimeoutSeconds`" },
  stopTimeout: { prop: "`stopTimeoutSeconds`" },
  versionConsistency: { prop: "`versionConsistency`" },
  hostname: { prop: "`hostname`" },
  user: { prop: "`user`" },
  workingDirectory: { prop: "`workingDirectory`" },
  disableNetworking: { prop: "`disableNetworking`" },
  privileged: { prop: "`privileged`" },
  readonlyRootFilesystem: { prop: "`readonlyRootFilesystem`" },
  dnsServers: { prop: "`dnsServers`" },
  dnsSearchDomains: { prop: "`dnsSearchDomains`" },
  extraHosts: { prop: "`extraHosts`" },
  dockerSecurityOptions: { prop: "`dockerSecurityOptions`" },
  interactive: { prop: "`interactive`" },
  pseudoTerminal: { prop: "`pseudoTerminal`" },
  dockerLabels: { prop: "`dockerLabels`" },
  ulimits: { prop: "`ulimits`" },
  logConfiguration: { prop: "`logging` (with `secretOptions`)" },
  healthCheck: { prop: "`healthCheck`" },
  systemControls: { prop: "`systemControls`" },
  resourceRequirements: {
    prop: "`gpuCount` (its other type, `InferenceAccelerator`, is for the ended Elastic Inference)",
  },
  firelensConfiguration: { prop: "`firelensConfig`" },
  credentialSpecs: { prop: "`credentialSpecs`" },
};

const ECS_TASK: Record<string, Coverage> = {
  family: { prop: "`family`" },
  taskRoleArn: { prop: "`taskRole` or `taskRoleArn`" },
  executionRoleArn: { prop: "`executionRole` (created when not given)" },
  networkMode: { prop: "`networkMode`" },
  containerDefinitions: { prop: "`addContainer(...)`" },
  volumes: { prop: "`volumes`", arg: "volume" },
  placementConstraints: { prop: "`placementConstraints`" },
  requiresCompatibilities: { prop: "`compatibility`" },
  cpu: { prop: "`cpu`" },
  memory: { prop: "`memoryMiB`" },
  tags: { prop: "`tags`" },
  pidMode: { prop: "`pidMode`" },
  ipcMode: { prop: "`ipcMode`" },
  proxyConfiguration: { prop: "`proxyConfiguration`" },
  inferenceAccelerators: { excluded: `for Amazon Elastic Inference, which AWS ended in April 2024; ${OVERRIDE}` },
  ephemeralStorage: { prop: "`ephemeralStorageGiB`" },
  runtimePlatform: { prop: "`cpuArchitecture`, `operatingSystemFamily`" },
  enableFaultInjection: { prop: "`enableFaultInjection`" },
};

const BATCH_CONTAINER: Record<string, Coverage> = {
  image: { prop: "`image`" },
  vcpus: { excluded: "deprecated by AWS; `vcpus` sets `resourceRequirements` VCPU instead, as AWS advises" },
  memory: { excluded: "deprecated by AWS; `memoryMiB` sets `resourceRequirements` MEMORY instead, as AWS advises" },
  command: { prop: "`command`" },
  jobRoleArn: { prop: "`jobRole` or `jobRoleArn`" },
  executionRoleArn: { prop: "`executionRole` (created when not given; on EC2 only when something is granted to it)" },
  volumes: { prop: "`volumes`" },
  environment: { prop: "`environment`" },
  mountPoints: { prop: "`mountPoints`" },
  readonlyRootFilesystem: { prop: "`readonlyRootFilesystem`" },
  privileged: { prop: "`privileged`" },
  ulimits: { prop: "`ulimits`" },
  user: { prop: "`user`" },
  instanceType: { excluded: "multi-node parallel jobs only (see Batch: what is not built)" },
  resourceRequirements: { prop: "`vcpus`, `memoryMiB`, `gpuCount`" },
  linuxParameters: { prop: "`linuxParameters`" },
  logConfiguration: { prop: "`logging`" },
  secrets: { prop: "`secrets`" },
  networkConfiguration: { prop: "`assignPublicIp` (Fargate)" },
  fargatePlatformConfiguration: { prop: "`fargatePlatformVersion` (Fargate)" },
  enableExecuteCommand: { prop: "`enableExecuteCommand`" },
  ephemeralStorage: { prop: "`ephemeralStorageGiB`" },
  runtimePlatform: { prop: "`cpuArchitecture`" },
  repositoryCredentials: { prop: "`image` (`ContainerImage.fromRegistry(..., { credentials })`)" },
};

const BATCH_JOB: Record<string, Coverage> = {
  jobDefinitionName: { prop: "`name`", arg: "name" },
  type: { prop: "always `container` (`multinode` is for `nodeProperties`)" },
  parameters: { prop: "`parameters`" },
  schedulingPriority: { prop: "`schedulingPriority`" },
  containerProperties: { prop: "`batch.JobDefinition`" },
  nodeProperties: { excluded: "multi-node parallel jobs are not built (see Batch: what is not built)" },
  retryStrategy: { prop: "`retryAttempts`, `retryConditions`" },
  propagateTags: { prop: "`propagateTags`" },
  timeout: { prop: "`timeoutSeconds`" },
  tags: { prop: "`tags`" },
  platformCapabilities: { prop: "`platform`" },
  eksProperties: { excluded: "EKS jobs pull with Kubernetes image pull secrets, another mechanism: out of scope" },
  ecsProperties: { prop: "`batch.MultiContainerJobDefinition`" },
  consumableResourceProperties: {
    excluded: "not in the AWS provider's schema (5.100, nor the 6.x bindings of our lines), so Terraform cannot set it",
  },
};

const BATCH_TASK_CONTAINER: Record<string, Coverage> = {
  command: { prop: "`command`" },
  dependsOn: { prop: "`dependsOn`" },
  environment: { prop: "`environment`" },
  essential: { prop: "`essential`" },
  firelensConfiguration: { prop: "`firelensConfig`" },
  image: { prop: "`image`" },
  linuxParameters: { prop: "`linuxParameters`" },
  logConfiguration: { prop: "`logging`" },
  mountPoints: { prop: "`mountPoints`" },
  name: { prop: "`addContainer(name, ...)`" },
  privileged: { prop: "`privileged`" },
  readonlyRootFilesystem: { prop: "`readonlyRootFilesystem`" },
  repositoryCredentials: { prop: "`image` (`ContainerImage.fromRegistry(..., { credentials })`)" },
  resourceRequirements: { prop: "`vcpus`, `memoryMiB`, `gpuCount`" },
  secrets: { prop: "`secrets`" },
  ulimits: { prop: "`ulimits`" },
  user: { prop: "`user`" },
  startTimeout: { prop: "`startTimeoutSeconds`" },
  stopTimeout: { prop: "`stopTimeoutSeconds`" },
};

const BATCH_TASK: Record<string, Coverage> = {
  containers: { prop: "`addContainer(...)`" },
  ephemeralStorage: { prop: "`ephemeralStorageGiB`" },
  executionRoleArn: { prop: "`executionRole` (created when not given; on EC2 only when something is granted to it)" },
  platformVersion: { prop: "`fargatePlatformVersion` (Fargate)" },
  ipcMode: { prop: "`ipcMode`" },
  taskRoleArn: { prop: "`jobRole` or `jobRoleArn`" },
  pidMode: { prop: "`pidMode`" },
  networkConfiguration: { prop: "`assignPublicIp` (Fargate)" },
  runtimePlatform: { prop: "`cpuArchitecture`" },
  volumes: { prop: "`volumes`" },
  enableExecuteCommand: { prop: "`enableExecuteCommand`" },
};

export const COVERAGE: ShapeCoverage[] = [
  {
    service: "ecs",
    shape: "ContainerDefinition",
    title: "ECS `ContainerDefinition` (`ecs.TaskDefinition.addContainer`)",
    where: "document",
    members: ECS_CONTAINER,
  },
  {
    service: "ecs",
    shape: "RegisterTaskDefinition",
    title: "ECS `RegisterTaskDefinition` (`ecs.TaskDefinition` props)",
    where: "resource",
    members: ECS_TASK,
  },
  {
    service: "batch",
    shape: "ContainerProperties",
    title: "Batch `ContainerProperties` (`batch.JobDefinition` props)",
    where: "document",
    members: BATCH_CONTAINER,
  },
  {
    service: "batch",
    shape: "RegisterJobDefinition",
    title: "Batch `RegisterJobDefinition` (both job definitions' props)",
    where: "resource",
    members: BATCH_JOB,
  },
  {
    service: "batch",
    shape: "TaskContainerProperties",
    title: "Batch `TaskContainerProperties` (`batch.MultiContainerJobDefinition.addContainer`)",
    where: "document",
    members: BATCH_TASK_CONTAINER,
  },
  {
    service: "batch",
    shape: "EcsTaskProperties",
    title: "Batch `EcsTaskProperties` (`batch.MultiContainerJobDefinition` props)",
    where: "document",
    members: BATCH_TASK,
  },
];

/** A shape's table as the README shows it. */
export function coverageTable(shape: ShapeCoverage): string {
  const rows = Object.entries(shape.members).map(
    ([member, c]) => `| \`${member}\` | ${"prop" in c ? c.prop : `not set: ${c.excluded}`} |`,
  );
  return [`**${shape.title}**`, "", "| member | set by |", "| --- | --- |", ...rows].join("\n");
}
