import { spawnSync } from "child_process";
import * as path from "path";
import { decodeDocument } from "./documents";

// AWS's API model (botocore's service models, in python3) as the judge of the documents the library writes.

/** A document and the model shape it must satisfy. */
export interface ModelRequest {
  readonly label: string;
  readonly service: "ecs" | "batch";
  readonly shape: string;
  readonly document: unknown;
}

const SCRIPT = path.join(__dirname, "api-model", "validate.py");

function python(args: string[], input: unknown): any {
  const result = spawnSync("python3", [SCRIPT, ...args], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`validate.py failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Every way the documents break the model, one line each; empty when they all satisfy it. */
export function modelProblems(requests: ModelRequest[]): string[] {
  return python([], requests);
}

/** The members of each shape, in the model's order, keyed `<service>:<shape>`. */
export function modelMembers(shapes: { service: string; shape: string }[]): Record<string, string[]> {
  return python(["members"], shapes);
}

/**
 * The container documents of a synthesized stack (cdk.tf.json as an object): each container definition of a task
 * definition, and each job definition's container or ECS properties.
 */
export function documentsOf(stackLabel: string, synth: any): ModelRequest[] {
  const requests: ModelRequest[] = [];
  for (const [id, task] of Object.entries<any>(synth.resource?.aws_ecs_task_definition ?? {})) {
    decodeDocument(task.container_definitions).forEach((container: unknown, i: number) => {
      requests.push({
        label: `${stackLabel} ${id} container ${i}`,
        service: "ecs",
        shape: "ContainerDefinition",
        document: container,
      });
    });
  }
  for (const [id, job] of Object.entries<any>(synth.resource?.aws_batch_job_definition ?? {})) {
    if (job.container_properties !== undefined)
      requests.push({
        label: `${stackLabel} ${id} containerProperties`,
        service: "batch",
        shape: "ContainerProperties",
        document: decodeDocument(job.container_properties),
      });
    if (job.ecs_properties !== undefined)
      requests.push({
        label: `${stackLabel} ${id} ecsProperties`,
        service: "batch",
        shape: "EcsProperties",
        document: decodeDocument(job.ecs_properties),
      });
  }
  return requests;
}
