import { Construct } from "constructs";
import { BatchJobQueue } from "@cdktf/provider-aws/lib/batch-job-queue";
import { configError } from "../private/errors";
import { defaultName } from "../private/names";

/** Anything with a compute environment ARN: a `batch.ComputeEnvironment`, or `{ arn }` for one made elsewhere. */
export interface ComputeEnvironmentRef {
  readonly arn: string;
}

export enum JobQueueState {
  ENABLED = "ENABLED",
  DISABLED = "DISABLED",
}

export interface JobQueueProps {
  /** One to three compute environments, tried in this order. */
  readonly computeEnvironments: ComputeEnvironmentRef[];
  /** @default - the construct path below the stack */
  readonly name?: string;
  /** Higher runs first among queues sharing compute environments. @default 1 */
  readonly priority?: number;
  /** @default JobQueueState.ENABLED */
  readonly state?: JobQueueState;
  /** @default - none */
  readonly tags?: { [key: string]: string };
}

/** An AWS Batch job queue over ordered compute environments. */
export class JobQueue extends Construct {
  /** The `aws_batch_job_queue`. */
  public readonly resource: BatchJobQueue;

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    const who = `batch.JobQueue ${this.node.path}`;
    const name = props.name ?? defaultName(this, 128);
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw configError(who, `name "${name}" is invalid`, "use 1-128 letters, digits, '-' or '_'");
    const count = props.computeEnvironments.length;
    if (count < 1 || count > 3) {
      throw configError(who, `${count} compute environments were given`, "give one to three; Batch allows at most three per queue");
    }
    const priority = props.priority ?? 1;
    if (!Number.isInteger(priority) || priority < 0) {
      throw configError(who, `priority ${priority} is not a whole number of at least 0`, "use 0 or more; higher runs first");
    }
    this.resource = new BatchJobQueue(this, "Resource", {
      name,
      priority,
      state: props.state ?? JobQueueState.ENABLED,
      computeEnvironmentOrder: props.computeEnvironments.map((ce, order) => ({ order, computeEnvironment: ce.arn })),
      tags: props.tags,
    });
  }

  /** The job queue's ARN. */
  public get arn(): string {
    return this.resource.arn;
  }
}
