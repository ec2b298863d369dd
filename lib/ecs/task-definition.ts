import { Construct } from "constructs";
import { Token } from "cdktf";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import type { IRole } from "../role";
import { CpuArchitecture, IpcMode, PidMode } from "../task-platform";
import { checkNamespaces } from "../private/task-namespaces";
import type { Volume } from "../volume";
import { checkTags, checkRoleArn } from "../private/aws-values";
import { bindContainer } from "../private/container-binding";
import { ContainerKind } from "../private/container-checks";
import { ContainerGraph } from "../private/container-graph";
import { executionRoleFor } from "../private/execution-role";
import { constructFail, Fail } from "../private/fail";
import { checkFargateSize } from "../private/fargate-sizes";
import { jsonDocument } from "../private/json-document";
import { checkName } from "../private/names";
import { checkNumber, isLiteralNumber, numberText } from "../private/numbers";
import { checkVolumes, renderEcsVolumes } from "../private/volumes";
import type { ContainerOptions } from "./container-options";
import type { PortMapping } from "./port-mapping";
import { OperatingSystemFamily, PlacementConstraint, ProxyConfiguration } from "./task-settings";
import { checkInput } from "../private/boundary";
import { attachPlanChecks } from "../private/plan-checks";

/** ECS's quota on a task definition's size (Amazon ECS service quotas: "Task definition size", 64 KiB). */
const TASK_DEFINITION_LIMIT = 64 * 1024;
/** A reference filled in at apply is counted at this many bytes, a long ARN's. */
const REFERENCE_BYTES = 200;
// The host ports a container instance reserves by default (RegisterContainerInstance, "reservedPorts"): SSH,
// Docker's daemon, and the ECS agent's introspection and credential endpoints.
const RESERVED_HOST_PORTS = [22, 2375, 2376, 51678, 51679, 51680];

/** Where the task runs. */
export enum Compatibility {
  /** Serverless; private-registry credentials need platform version 1.2.0 or later (any current version). */
  FARGATE = "FARGATE",
  /** Your container instances; private-registry credentials need ECS agent 1.19.0 or later. */
  EC2 = "EC2",
}

/** Docker networking mode of the task's containers. */
export enum NetworkMode {
  /** Each task gets its own network interface; the only mode on Fargate. */
  AWS_VPC = "awsvpc",
  /** Docker's bridge network on the instance. */
  BRIDGE = "bridge",
  /** The instance's own network. */
  HOST = "host",
  /** No external networking. */
  NONE = "none",
}

/** Props of `ecs.TaskDefinition`. */
export interface TaskDefinitionProps {
  /** Task definition family (up to 255 letters, digits, `-` and `_`). */
  readonly family: string;
  /** Where the task runs: Fargate or EC2. */
  readonly compatibility: Compatibility;
  /**
   * Task CPU units (1024 = 1 vCPU). Fargate accepts 256, 512, 1024, 2048, 4096, 8192 or 16384.
   * @default 256 on Fargate; unset on EC2
   */
  readonly cpu?: number;
  /**
   * Task memory in MiB; on Fargate it must fit the CPU value (the ECS task size table).
   * @default 512 on Fargate; unset on EC2 (then every container needs memoryMiB or memoryReservationMiB)
   */
  readonly memoryMiB?: number;
  /**
   * Docker networking mode.
   * @default NetworkMode.AWS_VPC on Fargate (its only mode); NetworkMode.BRIDGE on EC2
   */
  readonly networkMode?: NetworkMode;
  /**
   * Role ECS uses to pull images and fetch registry credentials. A given role only gains read on the registry
   * secrets; it must already trust `ecs-tasks.amazonaws.com`.
   * @default - a new role trusting `ecs-tasks.amazonaws.com` with `AmazonECSTaskExecutionRolePolicy`
   */
  readonly executionRole?: IRole;
  /**
   * Let ECS assume the execution role this construct creates only on behalf of this stack's account: its trust
   * policy gets `aws:SourceAccount` = the account of the provider's credentials (AWS's confused-deputy guard for
   * service roles). Costs one STS call (`aws_caller_identity`) at plan. Not with `executionRole`: a given role's
   * trust policy is its owner's.
   * @default false
   */
  readonly sourceAccountCondition?: boolean;
  /**
   * ARN of the role the containers' code runs as. Not with `taskRole`.
   * @default - containers get no AWS credentials
   */
  readonly taskRoleArn?: string;
  /**
   * The role the containers' code runs as (an `IamRole`, or a `DataAwsIamRole`). Not with `taskRoleArn`.
   * @default - containers get no AWS credentials
   */
  readonly taskRole?: IRole;
  /**
   * CPU architecture.
   * @default - X86_64
   */
  readonly cpuArchitecture?: CpuArchitecture;
  /**
   * The operating system. Windows tasks use awsvpc networking (on EC2 too) and take none of the Linux-only
   * container settings.
   * @default OperatingSystemFamily.LINUX
   */
  readonly operatingSystemFamily?: OperatingSystemFamily;
  /**
   * Volumes the containers mount through `mountPoints`: bind, Docker, EFS, FSx for Windows, or EBS at launch.
   * @default - none
   */
  readonly volumes?: Volume[];
  /**
   * Ephemeral storage of a Fargate task in GiB, 21 to 200.
   * @default - 20 GiB
   */
  readonly ephemeralStorageGiB?: number;
  /**
   * Process namespace; Fargate takes only `task`.
   * @default - each container its own
   */
  readonly pidMode?: PidMode;
  /**
   * IPC namespace; not on Fargate.
   * @default - Docker's (private, shareable)
   */
  readonly ipcMode?: IpcMode;
  /**
   * Placement rules (EC2 only; at most 10).
   * @default - none
   */
  readonly placementConstraints?: PlacementConstraint[];
  /**
   * App Mesh proxy (awsvpc networking).
   * @default - none
   */
  readonly proxyConfiguration?: ProxyConfiguration;
  /**
   * Let AWS Fault Injection Service inject faults into the task.
   * @default false
   */
  readonly enableFaultInjection?: boolean;
  /**
   * Keep old revisions registered when Terraform replaces or destroys this one.
   * @default false
   */
  readonly skipDestroy?: boolean;
  /**
   * Track the latest ACTIVE revision rather than this one, for revisions registered outside Terraform.
   * @default false
   */
  readonly trackLatest?: boolean;
  /**
   * Tags of the task definition.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** An ECS task definition whose containers may pull from private registries. */
export class TaskDefinition extends Construct {
  /** The `aws_ecs_task_definition`. */
  public readonly resource: EcsTaskDefinition;
  /** The execution role, given or created. */
  public readonly executionRole: IRole;
  /** The network mode in effect. */
  public readonly networkMode: NetworkMode;
  private readonly memoryMiB?: number;
  private readonly fargate: boolean;
  private readonly windows: boolean;
  private readonly volumeNames: Set<string>;
  private readonly containers: Record<string, unknown>[] = [];
  private readonly graph: ContainerGraph;
  private readonly sizes: { label: string; cpu?: number; memoryReservationMiB?: number }[] = [];
  private readonly fail: Fail;

  constructor(scope: Construct, id: string, props: TaskDefinitionProps) {
    super(scope, id);
    this.fail = constructFail(this, "ecs.TaskDefinition");
    checkInput(this.fail, "props", props, "ecs.TaskDefinitionProps");
    const fargate = (this.fargate = props.compatibility === Compatibility.FARGATE);
    const windows = (this.windows =
      props.operatingSystemFamily !== undefined && props.operatingSystemFamily !== OperatingSystemFamily.LINUX);
    checkName(this.fail, "family", props.family, 255);
    checkTags(this.fail, props.tags);
    this.networkMode = props.networkMode ?? (fargate || windows ? NetworkMode.AWS_VPC : NetworkMode.BRIDGE);
    const cpu = props.cpu ?? (fargate ? (windows ? 1024 : 256) : undefined);
    this.memoryMiB = props.memoryMiB ?? (fargate ? (windows ? 2048 : 512) : undefined);
    checkNumber(this.fail, "cpu", cpu, { min: 128 });
    checkNumber(this.fail, "memoryMiB", this.memoryMiB, { min: 1 });
    if (fargate) this.checkFargate(props, cpu!, this.memoryMiB!);
    else if (props.ephemeralStorageGiB !== undefined)
      throw this.fail(
        "ephemeralStorageGiB applies only to Fargate",
        "remove it; on EC2 the instance's volume is the containers' storage",
      );
    if (windows) this.checkWindows(props, cpu);
    checkNumber(this.fail, "ephemeralStorageGiB", props.ephemeralStorageGiB, { min: 21, max: 200 });
    if ((props.placementConstraints?.length ?? 0) > 10)
      throw this.fail(`placementConstraints has ${props.placementConstraints!.length} entries`, "use at most 10");
    if (props.proxyConfiguration !== undefined && this.networkMode !== NetworkMode.AWS_VPC) {
      throw this.fail(
        "proxyConfiguration needs awsvpc networking",
        "set networkMode: ecs.NetworkMode.AWS_VPC, or drop the proxy",
      );
    }
    if (props.taskRole !== undefined && props.taskRoleArn !== undefined)
      throw this.fail("taskRole and taskRoleArn are both given", "give one of them");
    checkRoleArn(this.fail, "taskRoleArn", props.taskRoleArn);
    this.volumeNames = checkVolumes(this.fail, { batch: false, fargate, windows }, props.volumes);

    this.executionRole = executionRoleFor(this, this.fail, props);
    const platform = props.cpuArchitecture !== undefined || props.operatingSystemFamily !== undefined;
    this.resource = new EcsTaskDefinition(this, "Resource", {
      family: props.family,
      requiresCompatibilities: [props.compatibility],
      networkMode: this.networkMode,
      cpu: cpu === undefined ? undefined : numberText(cpu),
      memory: this.memoryMiB === undefined ? undefined : numberText(this.memoryMiB),
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: props.taskRole?.arn ?? props.taskRoleArn,
      runtimePlatform: platform
        ? {
            cpuArchitecture: props.cpuArchitecture ?? CpuArchitecture.X86_64,
            operatingSystemFamily: props.operatingSystemFamily ?? OperatingSystemFamily.LINUX,
          }
        : undefined,
      volume: props.volumes && renderEcsVolumes(props.volumes, this.executionRole),
      ephemeralStorage: props.ephemeralStorageGiB !== undefined ? { sizeInGib: props.ephemeralStorageGiB } : undefined,
      pidMode: props.pidMode,
      ipcMode: props.ipcMode,
      placementConstraints: props.placementConstraints?.map((c) => ({ type: "memberOf", expression: c.expression })),
      proxyConfiguration: props.proxyConfiguration && {
        type: "APPMESH",
        containerName: props.proxyConfiguration.containerName,
        properties: { ...props.proxyConfiguration.properties },
      },
      enableFaultInjection: props.enableFaultInjection,
      skipDestroy: props.skipDestroy,
      trackLatest: props.trackLatest,
      // Rendered again by each addContainer: a document made at synth time instead (a lazy value) costs more, as
      // its tokens record the deep stack of cdktf's resolver.
      containerDefinitions: "[]",
      tags: props.tags,
    });
    this.graph = new ContainerGraph(this.fail, "task", true);
    const proxy = props.proxyConfiguration?.containerName;
    this.node.addValidation({
      validate: () => {
        const problems = [...this.graph.problems(), ...this.sizeProblems(cpu)];
        if (proxy !== undefined && this.containers.length > 0 && !this.graph.has(proxy))
          problems.push(
            this.fail(
              `proxyConfiguration names the container "${proxy}", which the task lacks`,
              "name one of the task's containers",
            ).message,
          );
        return problems;
      },
    });
    attachPlanChecks(this.fail, this.resource);
  }

  /** The task definition's ARN, with revision. */
  public get arn(): string {
    return this.resource.arn;
  }

  /**
   * Adds a container. An image with registry credentials sets `repositoryCredentials` and grants the execution
   * role read on the secret, once per secret however many containers share it; `secrets`, `environmentFiles` and a
   * log driver's `secretOptions` are granted the same way. The options are read now: changing an object or array
   * given here afterwards does not change the container.
   */
  public addContainer(name: string, options: ContainerOptions): void {
    checkInput(this.fail, "addContainer name", name, "string");
    checkInput(this.fail, `addContainer("${name}") options`, options, "ecs.ContainerOptions");
    const label = this.graph.claim(name);
    const { memoryMiB, memoryReservationMiB } = options ?? {};
    if (this.memoryMiB === undefined && memoryMiB === undefined && memoryReservationMiB === undefined) {
      throw this.fail(
        `${label} has no memory setting and the task has none`,
        "set memoryMiB or memoryReservationMiB on the container, or memoryMiB on the task",
      );
    }
    checkNumber(this.fail, `${label} memoryMiB`, memoryMiB, { min: 6 });
    checkNumber(this.fail, `${label} memoryReservationMiB`, memoryReservationMiB, { min: 6 });
    checkNumber(this.fail, `${label} cpu`, options?.cpu, { min: 0 });
    if (isLiteralNumber(memoryMiB) && isLiteralNumber(memoryReservationMiB) && memoryReservationMiB > memoryMiB) {
      throw this.fail(
        `${label} reserves ${memoryReservationMiB} MiB but is limited to ${memoryMiB} MiB`,
        "make memoryReservationMiB at most memoryMiB",
      );
    }
    if (isLiteralNumber(memoryMiB) && isLiteralNumber(this.memoryMiB) && memoryMiB > this.memoryMiB) {
      throw this.fail(
        `${label} asks for ${memoryMiB} MiB but the task has ${this.memoryMiB} MiB`,
        "lower the container's memoryMiB or raise the task's",
      );
    }
    for (const port of options?.portMappings ?? []) this.checkPort(label, port);

    const host = {
      scope: this,
      fail: this.fail,
      executionRole: this.executionRole,
      kind: ContainerKind.ECS,
      fargate: this.fargate,
      windows: this.windows,
      networkMode: this.networkMode,
      volumes: this.volumeNames,
    };
    const container = bindContainer(host, label, options, { name, essential: options.essential ?? true });
    this.graph.add(name, container);
    this.containers.push(container);
    this.sizes.push({ label, cpu: options.cpu, memoryReservationMiB });
    this.resource.containerDefinitions = jsonDocument(this.containers);
    attachPlanChecks(this.fail, this.resource);
  }

  /**
   * What ECS refuses of the containers together (RegisterTaskDefinition): their cpu adding up to more than the
   * task's, their memory reservations to more than the task's memory, and a document over the 64 KiB a task
   * definition may hold. Sums are checked when every term is a literal.
   */
  private sizeProblems(cpu: number | undefined): string[] {
    const problems: string[] = [];
    const sum = (values: (number | undefined)[]) =>
      values.every((v) => v === undefined || isLiteralNumber(v))
        ? values.reduce<number>((t, v) => t + (v ?? 0), 0)
        : undefined;
    const cpus = sum(this.sizes.map((s) => s.cpu));
    if (isLiteralNumber(cpu) && cpus !== undefined && cpus > cpu) {
      problems.push(
        this.fail(
          `the containers' cpu adds up to ${cpus}, more than the task's ${cpu}`,
          "lower the containers' cpu or raise the task's",
        ).message,
      );
    }
    const reserved = sum(this.sizes.map((s) => s.memoryReservationMiB));
    if (isLiteralNumber(this.memoryMiB) && reserved !== undefined && reserved > this.memoryMiB) {
      problems.push(
        this.fail(
          `the containers reserve ${reserved} MiB together, more than the task's ${this.memoryMiB} MiB`,
          "lower their memoryReservationMiB or raise the task's memoryMiB",
        ).message,
      );
    }
    // A reference is filled in by Terraform: counted at the length of a long ARN.
    const text = JSON.stringify(this.containers).replace(/\$\{TfToken\[[^\]]+\]\}/g, "x".repeat(REFERENCE_BYTES));
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > TASK_DEFINITION_LIMIT) {
      problems.push(
        this.fail(
          `the container definitions are ${bytes} bytes, over the ${TASK_DEFINITION_LIMIT} a task definition may hold`,
          "move large values (long commands, environment) into environment files, parameters or secrets",
        ).message,
      );
    }
    return problems;
  }

  private checkFargate(props: TaskDefinitionProps, cpu: number, memory: number): void {
    if (this.networkMode !== NetworkMode.AWS_VPC) {
      throw this.fail(
        `networkMode "${this.networkMode}" is not supported on Fargate`,
        "leave networkMode unset (Fargate uses awsvpc)",
      );
    }
    checkFargateSize(this.fail, "cpu", cpu, memory);
    checkNamespaces(this.fail, true, props.pidMode, props.ipcMode);
    if (props.placementConstraints !== undefined)
      throw this.fail("placementConstraints do not apply to Fargate", "remove them; Fargate places tasks itself");
  }

  private checkWindows(props: TaskDefinitionProps, cpu: number | undefined): void {
    if (this.networkMode !== NetworkMode.AWS_VPC) {
      throw this.fail(
        `networkMode "${this.networkMode}" is not supported for Windows tasks here`,
        "leave networkMode unset (Windows tasks use awsvpc)",
      );
    }
    if (props.pidMode !== undefined || props.ipcMode !== undefined)
      throw this.fail("pidMode and ipcMode are not supported for Windows containers", "remove them");
    if (props.cpuArchitecture === CpuArchitecture.ARM64)
      throw this.fail("Windows tasks run on X86_64 only", "drop cpuArchitecture, or run Linux");
    if (this.fargate && isLiteralNumber(cpu) && cpu < 1024)
      throw this.fail(`cpu ${cpu} is below 1 vCPU, the least a Windows task on Fargate takes`, "give cpu 1024 or more");
  }

  private checkPort(label: string, port: PortMapping): void {
    const fail = this.fail;
    checkNumber(fail, `${label} containerPort`, port.containerPort, { min: 1, max: 65535 });
    checkNumber(fail, `${label} hostPort`, port.hostPort, { min: 0, max: 65535 });
    const range = port.containerPortRange;
    if ((port.containerPort === undefined) === (range === undefined)) {
      throw fail(
        `${label} has a port mapping with ${range === undefined ? "neither containerPort nor containerPortRange" : "both containerPort and containerPortRange"}`,
        "give exactly one of them",
      );
    }
    if (range !== undefined && !Token.isUnresolved(range)) {
      const match = /^(\d+)-(\d+)$/.exec(range);
      if (!match || Number(match[1]) < 1 || Number(match[1]) >= Number(match[2]) || Number(match[2]) > 65535) {
        throw fail(
          `${label} containerPortRange "${range}" is not a range of ports`,
          'give "<first>-<last>" with 1 <= first < last <= 65535',
        );
      }
      if (port.hostPort !== undefined)
        throw fail(
          `${label} maps a port range to a hostPort`,
          "leave hostPort unset: ECS picks the host ports of a range",
        );
      if (this.networkMode !== NetworkMode.AWS_VPC && this.networkMode !== NetworkMode.BRIDGE) {
        throw fail(
          `${label} maps a port range with ${this.networkMode} networking`,
          "use awsvpc or bridge networking, as ECS requires for port ranges",
        );
      }
    }
    if (port.appProtocol !== undefined && port.name === undefined)
      throw fail(
        `${label} sets appProtocol on a port mapping without a name`,
        "name the port mapping, as Service Connect refers to it by name",
      );
    if (this.networkMode === NetworkMode.NONE)
      throw fail(`${label} maps ports, but networkMode is none`, "remove portMappings, or choose a network mode");
    const samePort = this.networkMode === NetworkMode.AWS_VPC || this.networkMode === NetworkMode.HOST;
    // On an EC2 instance's own network (host, or a bridge's host port) those ports are the instance's.
    const hostPort = this.networkMode === NetworkMode.HOST ? (port.hostPort ?? port.containerPort) : port.hostPort;
    const onInstance =
      !this.fargate && (this.networkMode === NetworkMode.HOST || this.networkMode === NetworkMode.BRIDGE);
    if (onInstance && isLiteralNumber(hostPort) && RESERVED_HOST_PORTS.includes(hostPort)) {
      throw fail(
        `${label} maps host port ${hostPort}, which container instances reserve (${RESERVED_HOST_PORTS.join(", ")})`,
        "choose another host port, or leave hostPort unset in bridge mode for a dynamic one",
      );
    }
    if (
      samePort &&
      port.hostPort !== undefined &&
      isLiteralNumber(port.hostPort) &&
      isLiteralNumber(port.containerPort) &&
      port.hostPort !== port.containerPort
    ) {
      throw fail(
        `${label} maps host port ${port.hostPort} to container port ${port.containerPort}, which ${this.networkMode} networking cannot do`,
        "omit hostPort or make it equal to containerPort",
      );
    }
  }
}
