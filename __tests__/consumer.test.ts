import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { documentsOf, modelProblems } from "./support/api-model";
import { AWS6, LINE } from "./support/line";
import { scratchDir } from "./support/scratch";
import { TARGET_VERSIONS } from "./support/stacks";
import { TerraformWorkspace } from "./support/terraform";

// A user's app, made as a user makes one: the packed tarball installed by name with its peers, strict compiler
// flags, the README's usage snippets as its source, plain `node` to synthesize, and on the AWS 5 line real Terraform
// to validate and plan (no AWS 6 provider plugin is available offline; there the synthesized attribute names are
// checked). On the cdktn line the snippets get the one change the migration asks for: renamed imports.
const ROOT = path.join(__dirname, "..");
const devVersion = (name: string) => require(path.join(ROOT, "package.json")).devDependencies[name] as string;

interface Flavour {
  /** Where the package to pack lives. */
  readonly packageDir: string;
  readonly name: string;
  /** The peers a user installs; ranges resolve to the newest release, as for a user. */
  readonly peers: Record<string, string>;
  readonly rewrite: (code: string) => string;
}

const FLAVOURS: Record<string, Flavour> = {
  "cdktf-aws5": {
    packageDir: ROOT,
    name: "cdktf-private-registry",
    peers: { cdktf: devVersion("cdktf"), constructs: devVersion("constructs"), "@cdktf/provider-aws": devVersion("@cdktf/provider-aws") },
    rewrite: (code) => code,
  },
  "cdktf-aws6": {
    packageDir: ROOT,
    name: "cdktf-private-registry",
    peers: { cdktf: devVersion("cdktf"), constructs: devVersion("constructs"), "@cdktf/provider-aws": "^21.0.0" },
    rewrite: (code) => code,
  },
  cdktn: {
    packageDir: path.join(ROOT, "lines", "cdktn", "flavour"),
    name: "cdktn-private-registry",
    peers: { cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0", "@cdktn/provider-aws": "^25.5.0" },
    rewrite: (code) => code
      .replace(/from "cdktf"/g, 'from "cdktn"')
      .replace(/from "@cdktf\/provider-/g, 'from "@cdktn/provider-')
      .replace(/from "cdktf-private-registry"/g, 'from "cdktn-private-registry"'),
  },
};
const flavour = FLAVOURS[LINE];

/** The README's ```ts blocks, in order; each is a whole module exporting one stack class. */
function readmeSnippets(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => flavour.rewrite(m[1]));
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, stdio: "pipe" });
  } catch (e: any) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${e.stdout}\n${e.stderr}`);
  }
}

describe(`the packed ${flavour.name} in a fresh app on ${LINE}`, () => {
  const app = scratchDir("consumer-");
  let stacks: string[] = [];

  beforeAll(() => {
    // The cdktn flavour is built from lib/ here (jsii, no warnings allowed), in parallel with the other suites.
    if (LINE === "cdktn") run(process.execPath, [path.join(ROOT, "scripts", "build-cdktn.js")], ROOT);
    const packed = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", app], flavour.packageDir))[0];
    const tarball = path.join(app, packed.filename);
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({
      name: "consumer", private: true,
      dependencies: { [flavour.name]: `file:${tarball}`, ...flavour.peers },
      devDependencies: { typescript: devVersion("typescript"), "@types/node": devVersion("@types/node") },
    }, null, 2));
    // What a cdktn user sets (cdktn checks write-only arguments against it); CDKTF ignores it.
    fs.writeFileSync(path.join(app, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node out/main.js", context: TARGET_VERSIONS }, null, 2));
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
      flavour.rewrite('import { App } from "cdktf";'),
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
    const installed = path.join(app, "node_modules", flavour.name);
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

  test("synthesizes with plain node and the context cdktf.json gives, as the CLI passes it", () => {
    const context = JSON.parse(fs.readFileSync(path.join(app, "cdktf.json"), "utf8")).context;
    run(process.execPath, ["out/main.js"], app, { CDKTF_OUTDIR: path.join(app, "cdktf.out"), CDKTF_CONTEXT_JSON: JSON.stringify(context) });
    for (const stack of stacks) {
      const config = JSON.parse(fs.readFileSync(path.join(app, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"));
      expect(config.terraform.required_providers.aws.version).toMatch(AWS6 ? /^6\./ : /^5\./);
      for (const ce of Object.values(config.resource.aws_batch_compute_environment ?? {})) {
        expect(ce).toHaveProperty(AWS6 ? "name" : "compute_environment_name", "private-registry-instances");
        expect(ce).not.toHaveProperty(AWS6 ? "compute_environment_name" : "name");
      }
    }
    const names = stacks.flatMap((s) => Object.values(JSON.parse(fs.readFileSync(path.join(app, "cdktf.out", "stacks", s, "cdk.tf.json"), "utf8")).resource.aws_batch_compute_environment ?? {}));
    expect(names).toHaveLength(1); // control: the README's Batch snippet is here, so the check above ran
  });

  test("every container document the snippets synthesize satisfies AWS's API model", () => {
    const documents = stacks.flatMap((stack) => documentsOf(stack, JSON.parse(fs.readFileSync(path.join(app, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"))));
    expect(documents.filter((d) => d.shape === "EcsProperties")).toHaveLength(1); // control: the multi-container snippet is here
    expect(modelProblems(documents)).toEqual([]);
  });

  (AWS6 ? test.skip : test)("every stack validates and plans under real Terraform", () => {
    for (const stack of stacks) {
      const ws = TerraformWorkspace.fromSynthesizedJson(path.join(app, "cdktf.out", "stacks", stack, "cdk.tf.json"));
      try {
        ws.init();
        const vars = Object.keys(JSON.parse(fs.readFileSync(path.join(ws.dir, "cdk.tf.json"), "utf8")).variable ?? {});
        const values: Record<string, string> = { subnet_ids: '["subnet-1"]', security_group_ids: '["sg-1"]' };
        const { changes, diagnostics } = ws.plan(Object.fromEntries(vars.map((v) => [v, values[v] ?? "S3ntinel-consumer"])));
        expect(diagnostics).toEqual([]);
        expect(changes.filter((c) => c.type === "aws_iam_role_policy" && c.action === "create").length).toBeGreaterThan(0);
      } finally {
        ws.remove();
      }
    }
  });
});
