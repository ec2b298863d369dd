import { Construct } from "constructs";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import type { IpcMode, PidMode } from "../task-platform";
import { checkNamespaces } from "../private/task-namespaces";
import type { IRole } from "../role";
import { withAdditional } from "../private/additional-properties";
import { bindContainer } from "../private/container-binding";
import { ContainerKind } from "../private/container-checks";
import { ContainerGraph } from "../private/container-graph";
import { constructFail, Fail } from "../private/fail";
import { checkFargateSize } from "../private/fargate-sizes";
import { bindJobBase, JobBase, jobResourceArgs, renderTaskMembers } from "../private/job-base";
import { jsonDocument } from "../private/json-document";
import { checkNumber, isLiteralNumber } from "../private/numbers";
import type { JobDefinitionBaseProps, TaskContainerOptions } from "./job-options";
import { checkInput } from "../private/boundary";
import { attachPlanChecks } from "../private/plan-checks";

/** Props of `batch.MultiContainerJobDefinition`. */
export interface MultiContainerJobDefinitionProps extends JobDefinitionBaseProps {
  /**
   * Process namespace of the job's containers; Fargate takes only `task`.
   * @default - each container its own
   */
  readonly pidMode?: PidMode;
  /**
   * IPC namespace of the job's containers; not on Fargate.
   * @default - Docker's
   */
  readonly ipcMode?: IpcMode;
  /**
   * Members of the job's task properties (`ecsProperties.taskProperties[0]`) this library has no prop for, merged
   * in as given. A member a prop sets is refused: set the prop.
   * @default - none
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- jsii's only free-form JSON type
  readonly additionalProperties?: { [member: string]: any };
}

/**
 * An AWS Batch job definition with several containers (`ecsProperties`), each with its own image, private or not.
 * One execution role pulls them all and is granted each image's registry secret and each container's secrets.
 */
export class MultiContainerJobDefinition extends Construct {
  /** The `aws_batch_job_definition`. */
  public readonly resource: BatchJobDefinition;
  private readonly fail: Fail;
  private readonly base: JobBase;
  private readonly containers: Record<string, unknown>[] = [];
  private readonly sizes: { vcpus: number; memoryMiB: number }[] = [];
  private readonly graph: ContainerGraph;
  private readonly taskMembers: () => Record<string, unknown>;

  constructor(scope: Construct, id: string, props: MultiContainerJobDefinitionProps) {
    super(scope, id);
    this.fail = constructFail(this, "batch.MultiContainerJobDefinition");
    checkInput(this.fail, "props", props, "batch.MultiContainerJobDefinitionProps");
    this.base = bindJobBase(this, this.fail, props);
    checkNamespaces(this.fail, this.base.fargate, props.pidMode, props.ipcMode);
    this.taskMembers = () =>
      withAdditional(
        this.fail,
        "",
        {
          containers: this.containers,
          ...renderTaskMembers(this.base, props, true, this.executionRole),
          pidMode: props.pidMode,
          ipcMode: props.ipcMode,
        },
        props.additionalProperties,
      );
    this.graph = new ContainerGraph(this.fail, "job", false);
    this.resource = new BatchJobDefinition(this, "Resource", {
      ...jobResourceArgs(this.base, props),
      type: "container",
      ecsProperties: "{}",
    });
    this.node.addValidation({
      validate: () => {
        const problems = this.graph.problems();
        const total = (key: "vcpus" | "memoryMiB") => this.sizes.reduce((sum, s) => sum + s[key], 0);
        if (
          this.base.fargate &&
          this.sizes.length > 0 &&
          this.sizes.every((s) => isLiteralNumber(s.vcpus) && isLiteralNumber(s.memoryMiB))
        ) {
          try {
            checkFargateSize(this.fail, "vcpus", total("vcpus"), total("memoryMiB"));
          } catch (e) {
            problems.push((e as Error).message);
          }
        }
        return problems;
      },
    });
    attachPlanChecks(this.fail, this.resource);
  }

  /**
   * Adds a container. Its image's registry credentials, its secrets and its log driver's secret options are granted
   * to the job's execution role. The options are read now.
   */
  public addContainer(name: string, options: TaskContainerOptions): void {
    checkInput(this.fail, "addContainer name", name, "string");
    checkInput(this.fail, `addContainer("${name}") options`, options, "batch.TaskContainerOptions");
    const label = this.graph.claim(name);
    const { vcpus, memoryMiB } = options ?? {};
    checkNumber(this.fail, `${label} vcpus`, vcpus, this.base.fargate ? { min: 0.25, fractional: true } : { min: 1 });
    checkNumber(this.fail, `${label} memoryMiB`, memoryMiB, { min: 4 });
    if (vcpus === undefined || memoryMiB === undefined)
      throw this.fail(`${label} has no vcpus or memoryMiB`, "give each container its vcpus and memoryMiB");
    const container = this.base.executionRole.bind((executionRole) =>
      bindContainer(
        {
          scope: this,
          fail: this.fail,
          executionRole,
          kind: ContainerKind.BATCH_TASK,
          fargate: this.base.fargate,
          windows: false,
          volumes: this.base.volumes,
        },
        label,
        options,
        { name, essential: options.essential ?? true, resources: { vcpus, memoryMiB }, memoryMiB: undefined },
      ),
    );
    this.graph.add(name, container);
    this.containers.push(container);
    this.sizes.push({ vcpus, memoryMiB });
    this.resource.ecsProperties = jsonDocument({ taskProperties: [this.taskMembers()] });
    attachPlanChecks(this.fail, this.resource);
  }

  /**
   * The execution role, given or created. Undefined for an EC2 job none of whose containers so far needs one: there
   * the instance's ECS agent pulls public and ECR images and writes the logs with the instance role, so a role is
   * created only when a container is granted something (registry credentials, secrets, a log driver's secret
   * options, a cache's repositories). To grant it more yourself, give `executionRole`.
   */
  public get executionRole(): IRole | undefined {
    return this.base.executionRole.role;
  }

  /** The job definition's ARN, with revision. */
  public get arn(): string {
    return this.resource.arn;
  }
}
