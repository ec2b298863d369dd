import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { plannedResources, TerraformWorkspace } from "./support/terraform";

// A user's app, made as a user makes one: the packed tarball installed by name with its peers, strict compiler
// flags, the README's usage snippets as its source, plain `node` to synthesize, real Terraform to validate and plan.
const ROOT = path.join(__dirname, "..");
const devVersion = (name: string) => require(path.join(ROOT, "package.json")).devDependencies[name] as string;

/** The README's ```ts blocks, in order; each is a whole module exporting one stack class. */
function readmeSnippets(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, stdio: "pipe" });
  } catch (e: any) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${e.stdout}\n${e.stderr}`);
  }
}

describe("the packed package in a fresh CDKTF app", () => {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
  let stacks: string[] = [];

  beforeAll(() => {
    const packed = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", app], ROOT))[0];
    const tarball = path.join(app, packed.filename);
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({
      name: "consumer", private: true,
      dependencies: {
        "cdktf-private-registry": `file:${tarball}`,
        cdktf: devVersion("cdktf"), constructs: devVersion("constructs"), "@cdktf/provider-aws": devVersion("@cdktf/provider-aws"),
      },
      devDependencies: { typescript: devVersion("typescript"), "@types/node": devVersion("@types/node") },
    }, null, 2));
    fs.writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        target: "ES2022", module: "CommonJS", lib: ["es2022"], types: ["node"], strict: true, exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true, noImplicitOverride: true, noUnusedLocals: true, noPropertyAccessFromIndexSignature: true,
        skipLibCheck: true, outDir: "out",
      },
      include: ["*.ts"],
    }, null, 2));
    const snippets = readmeSnippets();
    snippets.forEach((code, i) => fs.writeFileSync(path.join(app, `snippet${i + 1}.ts`), code));
    const classes = snippets.map((code, i) => [i + 1, /export class (\w+)/.exec(code)?.[1]] as const);
    fs.writeFileSync(path.join(app, "main.ts"), [
      'import { App } from "cdktf";',
      ...classes.map(([i, name]) => `import { ${name} } from "./snippet${i}";`),
      "const app = new App();",
      ...classes.map(([i, name]) => `new ${name}(app, "readme-${i}");`),
      "app.synth();",
      "",
    ].join("\n"));
    stacks = classes.map(([i]) => `readme-${i}`);
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], app);
  });

  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

  test("the tarball holds the built library, its asset and docs, and nothing else", () => {
    const installed = path.join(app, "node_modules", "cdktf-private-registry");
    const files = execFileSync("find", [".", "-type", "f"], { cwd: installed, encoding: "utf8" }).trim().split("\n").map((f) => f.slice(2)).sort();
    expect(files.filter((f) => !/^build\/lib\/.*\.(js|d\.ts)$/.test(f))).toEqual([".jsii", "API.md", "CHANGELOG.md", "LICENSE", "README.md", "build/lib/batch/assets/ecs-registry-auth.sh", "package.json"]);
    expect(files.some((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toBe(false);
  });

  test("the README snippets define at least the ECS and both Batch routes", () => {
    expect(stacks.length).toBeGreaterThanOrEqual(3);
  });

  test("type-checks under strict flags, including exactOptionalPropertyTypes", () => {
    run(path.join(app, "node_modules", ".bin", "tsc"), ["-p", "."], app);
  });

  test("synthesizes with plain node, and every stack validates and plans under real Terraform", () => {
    run(process.execPath, ["out/main.js"], app, { CDKTF_OUTDIR: path.join(app, "cdktf.out") });
    for (const stack of stacks) {
      const ws = TerraformWorkspace.fromSynthesizedJson(path.join(app, "cdktf.out", "stacks", stack, "cdk.tf.json"));
      try {
        const report = ws.initAndValidate();
        expect(report.diagnostics).toEqual([]);
        const vars = Object.keys(JSON.parse(fs.readFileSync(path.join(ws.dir, "cdk.tf.json"), "utf8")).variable ?? {});
        const values: Record<string, string> = { subnet_ids: '["subnet-1"]', security_group_ids: '["sg-1"]' };
        const { json } = ws.plan(Object.fromEntries(vars.map((v) => [v, values[v] ?? "S3ntinel-consumer"])));
        expect(plannedResources(json, "aws_iam_role_policy").length).toBeGreaterThan(0);
      } finally {
        ws.remove();
      }
    }
  });
});
