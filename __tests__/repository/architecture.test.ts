import * as fs from "fs";
import * as path from "path";
import * as lib from "../../lib";

const LIB = path.join(__dirname, "..", "..", "lib");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Every relative import of every file under lib/, resolved to files (type-only imports count too). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(LIB)) {
    const text = fs.readFileSync(file, "utf8");
    const targets = [...text.matchAll(/^(?:import|export)[^;]*?from\s+"(\.[^"]+)"/gm)].map((m) => {
      const base = path.resolve(path.dirname(file), m[1]);
      return fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, "index.ts");
    });
    graph.set(file, targets);
  }
  return graph;
}

const rel = (f: string) => path.relative(LIB, f);

/**
 * The lines of `text` that name the framework other than by a static, double-quoted `from "cdktf..."`,
 * `from "constructs"` or deep `from "@cdktf/provider-aws/lib/<resource>"` specifier: scripts/lines.js's
 * renameImports rewrites only those, so any other spelling would reach the cdktn flavour unrenamed (and the
 * provider's barrel makes synth several times slower).
 */
function frameworkImportViolations(text: string): string[] {
  const named = /(["'])(cdktf|@cdktf\/[^"']+|cdktn|@cdktn\/[^"']+|constructs)(\/[^"']*)?\1/g;
  return [...text.matchAll(named)].flatMap((m) => {
    const line = text
      .slice(text.lastIndexOf("\n", m.index) + 1, (text.indexOf("\n", m.index) + 1 || text.length + 1) - 1)
      .trim();
    const specifier = `${m[2]}${m[3] ?? ""}`;
    const allowed =
      m[1] === '"' &&
      /^(?:(?:import|export)\b.*|\}) from "[^"]+";$/.test(line) &&
      (/^cdktf(?:\/lib\/.+)?$/.test(specifier) ||
        specifier === "constructs" ||
        /^@cdktf\/provider-aws\/lib\/[a-z0-9-]+$/.test(specifier));
    return allowed ? [] : [line];
  });
}

describe("lib/ architecture", () => {
  const graph = importGraph();

  test("the import graph is read (control: it has edges)", () => {
    expect(graph.get(path.join(LIB, "index.ts"))!.length).toBeGreaterThan(5);
  });

  test("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(" -> "));
        return;
      }
      state.set(file, "visiting");
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  test("the framework is imported only through static specifiers the cdktn rename rewrites", () => {
    expect(
      sources(LIB).flatMap((file) =>
        frameworkImportViolations(fs.readFileSync(file, "utf8")).map((line) => `${rel(file)}: ${line}`),
      ),
    ).toEqual([]);
  });

  test("control: the framework-import rule catches what the rename would miss", () => {
    expect(
      frameworkImportViolations(
        [
          'import { Token } from "cdktf";',
          'import { Construct } from "constructs";',
          'import {\n  Lazy,\n  Token,\n} from "cdktf";',
          'import { IamRole } from "@cdktf/provider-aws/lib/iam-role";',
          "import { Fn } from 'cdktf';",
          'const { Token } = require("cdktf");',
          'const aws = await import("@cdktf/provider-aws/lib/iam-role");',
          'import { iamRole } from "@cdktf/provider-aws";',
        ].join("\n"),
      ),
    ).toEqual([
      "import { Fn } from 'cdktf';",
      'const { Token } = require("cdktf");',
      'const aws = await import("@cdktf/provider-aws/lib/iam-role");',
      'import { iamRole } from "@cdktf/provider-aws";',
    ]);
  });

  test("ecs/ and batch/ never import each other", () => {
    const crossings = [...graph].flatMap(([from, targets]) =>
      targets
        .filter((to) => {
          const a = rel(from).split(path.sep)[0];
          const b = rel(to).split(path.sep)[0];
          return (a === "ecs" && b === "batch") || (a === "batch" && b === "ecs");
        })
        .map((to) => `${rel(from)} -> ${rel(to)}`),
    );
    expect(crossings).toEqual([]);
  });

  test("private/ imports no construct file", () => {
    const constructsFiles = [
      "ecs/task-definition.ts",
      "ecs/asg-capacity-provider.ts",
      "instance-registry-auth.ts",
      "batch/job-definition.ts",
      "batch/multi-container-job-definition.ts",
      "batch/compute-environment.ts",
      "batch/job-queue.ts",
      "registry-secret.ts",
    ];
    const bad = [...graph]
      .filter(([from]) => rel(from).startsWith("private"))
      .flatMap(([from, targets]) =>
        targets.filter((to) => constructsFiles.includes(rel(to))).map((to) => `${rel(from)} -> ${rel(to)}`),
      );
    expect(bad).toEqual([]);
  });

  test("the package exports exactly the public surface the README uses", () => {
    expect(Object.keys(lib).sort()).toEqual([
      "Capability",
      "ContainerDependencyCondition",
      "ContainerImage",
      "ContainerSecret",
      "CpuArchitecture",
      "DevicePermission",
      "DockerVolumeScope",
      "EphemeralVariable",
      "FirelensLogRouterType",
      "InstanceRegistryAuth",
      "IpcMode",
      "LogDriver",
      "PidMode",
      "PullThroughCache",
      "RegistryCredentials",
      "RegistrySecret",
      "UlimitName",
      "UpstreamRegistry",
      "ValidationError",
      "batch",
      "ecs",
    ]);
    expect(Object.keys(lib.ecs).sort()).toEqual([
      "AppProtocol",
      "AsgCapacityProvider",
      "Compatibility",
      "EnvironmentFile",
      "NetworkMode",
      "OperatingSystemFamily",
      "Protocol",
      "TaskDefinition",
      "VersionConsistency",
    ]);
    expect(Object.keys(lib.batch).sort()).toEqual([
      "AllocationStrategy",
      "ComputeEnvironment",
      "ImageType",
      "JobDefinition",
      "JobQueue",
      "MultiContainerJobDefinition",
      "Platform",
      "RetryAction",
    ]);
  });
});
