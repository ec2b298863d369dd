import * as fs from "fs";
import * as path from "path";
import { TerraformStack } from "cdktf";
import { BatchExampleStack } from "../../examples/batch-stack";
import { EcsExampleStack } from "../../examples/ecs-stack";
import { ProductionExampleStack } from "../../examples/production-stack";
import { PullThroughExampleStack } from "../../examples/pull-through-stack";
import { COVERAGE, coverageTable } from "../support/api-coverage";
import { documentsOf, modelMembers, modelProblems } from "../support/api-model";
import { decodeDocument } from "../support/documents";
import { fullAwsvpcTask, fullBatchJobs, fullEc2Task, fullFargateTasks } from "../support/full-stacks";
import { synthObject, testApp } from "../support/stacks";

// AWS's own API model (botocore's service models) judges every container document the library writes: the
// examples' and the full stacks' (which set every prop). The README snippets are judged the same way from the
// packed tarball (consumer.test.ts).
const examples: [string, TerraformStack][] = [
  ["ecs", new EcsExampleStack(testApp(), "ecs")],
  ["batch", new BatchExampleStack(testApp(), "batch")],
  ["cache", new PullThroughExampleStack(testApp(), "cache")],
  ["production", new ProductionExampleStack(testApp(), "production")],
];
const full = [fullEc2Task(), fullAwsvpcTask(), fullFargateTasks(), fullBatchJobs()].map(
  (s) => [s.node.id, synthObject(s)] as const,
);

describe("documents under AWS's API model", () => {
  test.each(examples)("the %s example's container documents satisfy the model", (name, stack) => {
    const documents = documentsOf(name, synthObject(stack));
    expect(documents.length).toBeGreaterThan(0);
    expect(modelProblems(documents)).toEqual([]);
  });

  test("the full stacks' documents, every prop set, satisfy the model", () => {
    const documents = full.flatMap(([name, synth]) => documentsOf(name, synth));
    expect(documents.length).toBeGreaterThanOrEqual(10);
    expect(modelProblems(documents)).toEqual([]);
  });

  test("control: the check fails on an unknown member, a wrong type, a value outside an enum or a range, a missing member", () => {
    const problems = modelProblems([
      {
        label: "c",
        service: "ecs",
        shape: "ContainerDefinition",
        document: { name: "a", memory: "512", bogus: 1, versionConsistency: "maybe" },
      },
      {
        label: "j",
        service: "batch",
        shape: "ContainerProperties",
        document: {
          ephemeralStorage: {},
          linuxParameters: { devices: [{ hostPath: "/dev/x", permissions: ["read"] }] },
        },
      },
      { label: "e", service: "batch", shape: "EcsProperties", document: { taskProperties: [{}] } },
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^c: unknown member 'bogus'/),
      'c.memory: expected integer, got "512"',
      "c.versionConsistency: 'maybe' is not one of enabled, disabled",
      "j.linuxParameters.devices[0].permissions[0]: 'read' is not one of READ, WRITE, MKNOD",
      "j.ephemeralStorage: required member 'sizeInGiB' is missing",
      "e.taskProperties[0]: required member 'containers' is missing",
    ]);
  });
});

describe("coverage of the API's members", () => {
  const members = modelMembers(COVERAGE);
  /** Every member name rendered anywhere in the full stacks, per shape. */
  const rendered: Record<string, Set<string>> = {};
  const note = (shape: string, document: Record<string, unknown>) => {
    for (const key of Object.keys(document)) (rendered[shape] ??= new Set()).add(key);
  };
  for (const [, synth] of full) {
    for (const task of Object.values<any>(synth.resource.aws_ecs_task_definition ?? {})) {
      decodeDocument(task.container_definitions).forEach((c: any) => note("ecs:ContainerDefinition", c));
      note("ecs:RegisterTaskDefinition", task);
    }
    for (const job of Object.values<any>(synth.resource.aws_batch_job_definition ?? {})) {
      note("batch:RegisterJobDefinition", job);
      if (job.container_properties) note("batch:ContainerProperties", decodeDocument(job.container_properties));
      for (const task of job.ecs_properties ? decodeDocument(job.ecs_properties).taskProperties : []) {
        note("batch:EcsTaskProperties", task);
        task.containers.forEach((c: any) => note("batch:TaskContainerProperties", c));
      }
    }
  }
  const snake = (member: string) => member.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

  test.each(COVERAGE.map((c) => [`${c.service}:${c.shape}`, c] as const))(
    "%s: every member of the model is listed, and nothing else",
    (key, shape) => {
      expect(Object.keys(shape.members)).toEqual(members[key]);
    },
  );

  test.each(COVERAGE.map((c) => [`${c.service}:${c.shape}`, c] as const))(
    "%s: every member a prop sets is rendered by the full stacks",
    (key, shape) => {
      const set = Object.entries(shape.members).flatMap(([member, c]) =>
        "prop" in c ? [shape.where === "document" ? member : (c.arg ?? snake(member))] : [],
      );
      const missing = set.filter((name) => !rendered[key]?.has(name));
      expect(missing).toEqual([]);
    },
  );

  test("the README shows every table as the test holds it", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    for (const shape of COVERAGE) expect(readme).toContain(coverageTable(shape));
  });

  test("the figures: members settable by a prop, per shape", () => {
    const figures = COVERAGE.map(
      (c) =>
        `${c.shape} ${Object.values(c.members).filter((m) => "prop" in m).length}/${Object.keys(c.members).length}`,
    );
    expect(figures).toEqual([
      "ContainerDefinition 42/42",
      "RegisterTaskDefinition 17/18",
      "ContainerProperties 21/24",
      "RegisterJobDefinition 11/14",
      "TaskContainerProperties 19/19",
      "EcsTaskProperties 11/11",
    ]);
  });
});
