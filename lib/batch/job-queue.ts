import { Construct } from "constructs";
import { BatchJobQueue } from "@cdktf/provider-aws/lib/batch-job-queue";
import { constructFail } from "../private/fail";
import { checkName, defaultName } from "../private/names";
import { checkNumber } from "../private/numbers";
import { checkTags } from "../private/aws-values";
import { checkInput } from "../private/boundary";
import { attachPlanChecks } from "../private/plan-checks";

/** Anything with a compute environment ARN: a `batch.ComputeEnvironment`, or `{ arn }` for one made elsewhere. */
export interface ComputeEnvironmentRef {
  /** The compute environment's ARN. */
  readonly arn: string;
}

/** Props of `batch.JobQueue`. */
export interface JobQueueProps {
  /** One to three compute environments, tried in this order. */
  readonly computeEnvironments: ComputeEnvironmentRef[];
  /**
   * Job queue name (1-128 letters, digits, '-' or '_').
   * @default - the construct path below the stack
   */
  readonly name?: string;
  /**
   * Higher runs first among queues sharing compute environments.
   * @default 1
   */
  readonly priority?: number;
  /**
   * Whether the queue accepts jobs.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Tags of the job queue.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** An AWS Batch job queue over ordered compute environments. */
export class JobQueue extends Construct {
  /** The `aws_batch_job_queue`. */
  public readonly resource: BatchJobQueue;

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    const fail = constructFail(this, "batch.JobQueue");
    checkInput(fail, "props", props, "batch.JobQueueProps");
    const name = props.name ?? defaultName(this, 128);
    checkName(fail, "name", name, 128);
    checkTags(fail, props.tags);
    const count = props.computeEnvironments.length;
    if (count < 1 || count > 3) {
      throw fail(`${count} compute environments were given`, "give one to three; Batch allows at most three per queue");
    }
    const first = props.computeEnvironments.findIndex((ce, i) => props.computeEnvironments.indexOf(ce) !== i);
    if (first >= 0) {
      throw fail(
        `computeEnvironments[${first}] is the same compute environment as an earlier entry`,
        "list each compute environment once; Batch refuses a queue that names one twice",
      );
    }
    const priority = props.priority ?? 1;
    checkNumber(fail, "priority", priority, { min: 0, max: 1000 });
    this.resource = new BatchJobQueue(this, "Resource", {
      name,
      priority,
      state: props.enabled === false ? "DISABLED" : "ENABLED",
      // compute_environment_order, not compute_environments: AWS provider 6 removed the latter; 5.x has both.
      computeEnvironmentOrder: props.computeEnvironments.map((ce, order) => ({ order, computeEnvironment: ce.arn })),
      tags: props.tags,
    });
    attachPlanChecks(fail, this.resource);
  }

  /** The job queue's ARN. */
  public get arn(): string {
    return this.resource.arn;
  }
}
