import { Construct } from "constructs";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import type { ContainerBaseOptions } from "../container-options";
import type { IRole } from "../role";
import { withAdditional } from "../private/additional-properties";
import { bindContainer } from "../private/container-binding";
import { BASE_OPTIONS, ContainerKind } from "../private/container-checks";
import { constructFail, Fail } from "../private/fail";
import { checkFargateSize } from "../private/fargate-sizes";
import { bindJobBase, jobResourceArgs, renderTaskMembers } from "../private/job-base";
import { jsonDocument } from "../private/json-document";
import { checkNumber } from "../private/numbers";
import type { JobDefinitionBaseProps } from "./job-options";
import { checkInput } from "../private/boundary";
import { attachPlanChecks } from "../private/plan-checks";

/** Props of `batch.JobDefinition`: the job's settings and its one container's. */
export interface JobDefinitionProps extends JobDefinitionBaseProps, ContainerBaseOptions {
  /**
   * vCPUs. EC2: a whole number ≥ 1. Fargate: 0.25, 0.5, 1, 2, 4, 8 or 16.
   * @default 1
   */
  readonly vcpus?: number;
  /**
   * Memory in MiB. On Fargate it must fit the vCPU value (the Fargate task size table).
   * @default 2048
   */
  readonly memoryMiB?: number;
}

/** The container options among a job definition's props; its `additionalProperties` apply to the whole document. */
const CONTAINER_OPTIONS = BASE_OPTIONS.filter((k) => k !== "additionalProperties");

/**
 * An AWS Batch container job definition (`containerProperties`) whose image may come from a private registry,
 * using Batch's native `repositoryCredentials` (EC2 and Fargate).
 */
export class JobDefinition extends Construct {
  /** The `aws_batch_job_definition`. */
  public readonly resource: BatchJobDefinition;
  /**
   * The execution role, given or created. Undefined for an EC2 job that needs none: there the instance's ECS agent
   * pulls public and ECR images and writes the logs with the instance role, so a role is created only when
   * something is granted to it (registry credentials, container secrets, a log driver's secret options, a cache's
   * repositories).
   */
  public readonly executionRole?: IRole;
  private readonly fail: Fail;

  constructor(scope: Construct, id: string, props: JobDefinitionProps) {
    super(scope, id);
    this.fail = constructFail(this, "batch.JobDefinition");
    checkInput(this.fail, "props", props, "batch.JobDefinitionProps");
    const base = bindJobBase(this, this.fail, props);
    const vcpus = props.vcpus ?? 1;
    const memoryMiB = props.memoryMiB ?? 2048;
    if (base.fargate) checkFargateSize(this.fail, "vcpus", vcpus, memoryMiB);
    else {
      checkNumber(this.fail, "vcpus", vcpus, { min: 1 });
      checkNumber(this.fail, "memoryMiB", memoryMiB, { min: 4 });
    }
    const reserved = Object.keys(props.environment ?? {}).filter((k) => k.startsWith("AWS_BATCH"));
    if (reserved.length > 0)
      throw this.fail(`environment variables ${reserved.join(", ")} use the reserved AWS_BATCH prefix`, "rename them");

    const options = Object.fromEntries(
      CONTAINER_OPTIONS.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]),
    ) as unknown as ContainerBaseOptions;
    const container = base.executionRole.bind((executionRole) =>
      bindContainer(
        {
          scope: this,
          fail: this.fail,
          executionRole,
          kind: ContainerKind.BATCH_JOB,
          fargate: base.fargate,
          windows: false,
          volumes: base.volumes,
        },
        "",
        options,
        { resources: { vcpus, memoryMiB } },
      ),
    );
    this.executionRole = base.executionRole.role;
    const containerProperties = withAdditional(
      this.fail,
      "",
      { ...container, ...renderTaskMembers(base, props, false, this.executionRole) },
      props.additionalProperties,
    );
    this.resource = new BatchJobDefinition(this, "Resource", {
      ...jobResourceArgs(base, props),
      type: "container",
      containerProperties: jsonDocument(containerProperties),
    });
    attachPlanChecks(this.fail, this.resource);
  }

  /** The job definition's ARN, with revision. */
  public get arn(): string {
    return this.resource.arn;
  }
}
