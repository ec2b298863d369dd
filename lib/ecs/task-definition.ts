import { Construct } from "constructs";
import { Token } from "cdktf";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { ContainerImage } from "../container-image";
import { LogDriver } from "../log-driver";
import type { IRole } from "../role";
import { ContainerSpec, renderContainerDefinition } from "../private/container-definition";
import { executionRoleFor } from "../private/execution-role";
import { constructFail, Fail } from "../private/fail";
import { checkFargateSize } from "../private/fargate-sizes";
import { jsonDocument } from "../private/json-document";
import { checkName } from "../private/names";
import { checkEnvironment, checkTags } from "../private/aws-values";
import { PortMapping } from "./port-mapping";

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

/** CPU architecture the task runs on. */
export enum CpuArchitecture {
  /** Intel and AMD. */
  X86_64 = "X86_64",
  /** Graviton. */
  ARM64 = "ARM64",
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
   * ARN of the role the containers' code runs as.
   * @default - containers get no AWS credentials
   */
  readonly taskRoleArn?: string;
  /**
   * CPU architecture.
   * @default - X86_64
   */
  readonly cpuArchitecture?: CpuArchitecture;
  /**
   * Tags of the task definition.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** A container of `ecs.TaskDefinition.addContainer`. */
export interface ContainerOptions {
  /** The image, with its registry credentials if it is private. */
  readonly image: ContainerImage;
  /**
   * Whether the task stops when this container stops.
   * @default true
   */
  readonly essential?: boolean;
  /**
   * Hard memory limit in MiB.
   * @default - none (the task's memory)
   */
  readonly memoryMiB?: number;
  /**
   * Soft memory reservation in MiB.
   * @default - none
   */
  readonly memoryReservationMiB?: number;
  /**
   * CPU units reserved for the container.
   * @default - none (shares the task's)
   */
  readonly cpu?: number;
  /**
   * Ports the container exposes.
   * @default - none
   */
  readonly portMappings?: PortMapping[];
  /**
   * Plain environment variables; they are visible in the task definition, so never put secrets here.
   * @default - none
   */
  readonly environment?: { [name: string]: string };
  /**
   * The command.
   * @default - the image's CMD
   */
  readonly command?: string[];
  /**
   * The entry point.
   * @default - the image's ENTRYPOINT
   */
  readonly entryPoint?: string[];
  /**
   * The working directory.
   * @default - the image's WORKDIR
   */
  readonly workingDirectory?: string;
  /**
   * Where the container's output goes.
   * @default - no log configuration
   */
  readonly logging?: LogDriver;
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
  private readonly containers: ContainerSpec[] = [];
  private readonly fail: Fail;

  constructor(scope: Construct, id: string, props: TaskDefinitionProps) {
    super(scope, id);
    this.fail = constructFail(this, "ecs.TaskDefinition");
    const fargate = props.compatibility === Compatibility.FARGATE;
    checkName(this.fail, "family", props.family, 255);
    checkTags(this.fail, props.tags);
    this.networkMode = props.networkMode ?? (fargate ? NetworkMode.AWS_VPC : NetworkMode.BRIDGE);
    const cpu = props.cpu ?? (fargate ? 256 : undefined);
    this.memoryMiB = props.memoryMiB ?? (fargate ? 512 : undefined);
    if (fargate) this.checkFargate(cpu!, this.memoryMiB!);
    for (const [label, value] of [["cpu", cpu], ["memoryMiB", this.memoryMiB]] as const) {
      if (value !== undefined && !Token.isUnresolved(value) && (!Number.isInteger(value) || value <= 0)) {
        throw this.fail(`${label} ${value} is not a positive integer`, `give ${label} as a whole number`);
      }
    }

    this.executionRole = executionRoleFor(this, this.fail, props);
    this.resource = new EcsTaskDefinition(this, "Resource", {
      family: props.family,
      requiresCompatibilities: [props.compatibility],
      networkMode: this.networkMode,
      cpu: cpu?.toString(),
      memory: this.memoryMiB?.toString(),
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: props.taskRoleArn,
      runtimePlatform: props.cpuArchitecture
        ? { cpuArchitecture: props.cpuArchitecture, operatingSystemFamily: "LINUX" }
        : undefined,
      // Rendered again by each addContainer: a document made at synth time instead (a lazy value) costs more, as
      // its tokens record the deep stack of cdktf's resolver.
      containerDefinitions: "[]",
      tags: props.tags,
    });
    this.node.addValidation({
      validate: () => {
        if (this.containers.length === 0) return [this.fail("has no containers", "call addContainer() at least once").message];
        if (!this.containers.some((c) => c.essential)) return [this.fail("no container is essential", "mark at least one container essential").message];
        return [];
      },
    });
  }

  /** The task definition's ARN, with revision. */
  public get arn(): string {
    return this.resource.arn;
  }

  /**
   * Adds a container. An image with registry credentials sets `repositoryCredentials` and grants the execution
   * role read on the secret, once per secret however many containers share it. The options are read now: changing
   * an object or array given here afterwards does not change the container.
   */
  public addContainer(name: string, options: ContainerOptions): void {
    checkName(this.fail, "container name", name, 255);
    if (this.containers.some((c) => c.name === name)) {
      throw this.fail(`a container named "${name}" already exists`, "give each container of a task a distinct name");
    }
    const { memoryMiB, memoryReservationMiB } = options;
    if (this.memoryMiB === undefined && memoryMiB === undefined && memoryReservationMiB === undefined) {
      throw this.fail(`container "${name}" has no memory setting and the task has none`, "set memoryMiB or memoryReservationMiB on the container, or memoryMiB on the task");
    }
    if (memoryMiB !== undefined && memoryReservationMiB !== undefined && memoryReservationMiB > memoryMiB) {
      throw this.fail(`container "${name}" reserves ${memoryReservationMiB} MiB but is limited to ${memoryMiB} MiB`, "make memoryReservationMiB at most memoryMiB");
    }
    if (memoryMiB !== undefined && this.memoryMiB !== undefined && memoryMiB > this.memoryMiB) {
      throw this.fail(`container "${name}" asks for ${memoryMiB} MiB but the task has ${this.memoryMiB} MiB`, "lower the container's memoryMiB or raise the task's");
    }
    for (const port of options.portMappings ?? []) this.checkPort(name, port);
    checkEnvironment(this.fail, `container "${name}" environment`, options.environment);
    const dir = options.workingDirectory;
    if (dir !== undefined && !Token.isUnresolved(dir) && !dir.startsWith("/")) {
      throw this.fail(`container "${name}" workingDirectory "${dir}" is not an absolute path`, "give the directory from the root, e.g. /srv/app");
    }

    const image = options.image._bind(this, this.executionRole);
    this.containers.push({
      name,
      image: image.imageName,
      credentialsParameter: image.credentialsParameter,
      essential: options.essential ?? true,
      cpu: options.cpu,
      memoryMiB,
      memoryReservationMiB,
      // Copies, so the container is what the options said when it was added (its definition is rendered now).
      portMappings: options.portMappings?.map((p) => ({ ...p })),
      environment: options.environment && { ...options.environment },
      command: options.command && [...options.command],
      entryPoint: options.entryPoint && [...options.entryPoint],
      workingDirectory: options.workingDirectory,
      logConfiguration: options.logging?.bind(this),
    });
    this.resource.containerDefinitions = jsonDocument(this.containers.map(renderContainerDefinition));
  }

  private checkFargate(cpu: number, memory: number): void {
    if (this.networkMode !== NetworkMode.AWS_VPC) {
      throw this.fail(`networkMode "${this.networkMode}" is not supported on Fargate`, "leave networkMode unset (Fargate uses awsvpc)");
    }
    checkFargateSize(this.fail, "cpu", cpu, memory);
  }

  private checkPort(container: string, port: PortMapping): void {
    for (const value of [port.containerPort, port.hostPort]) {
      if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 65535)) {
        throw this.fail(`container "${container}" maps port ${value}`, "use ports from 0 to 65535");
      }
    }
    const samePort = this.networkMode === NetworkMode.AWS_VPC || this.networkMode === NetworkMode.HOST;
    if (samePort && port.hostPort !== undefined && port.hostPort !== port.containerPort) {
      throw this.fail(`container "${container}" maps host port ${port.hostPort} to container port ${port.containerPort}, which ${this.networkMode} networking cannot do`, "omit hostPort or make it equal to containerPort");
    }
  }
}
