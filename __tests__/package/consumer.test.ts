import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { documentsOf, modelProblems } from "../support/api-model";
import { CdktfProject } from "../support/cdktf-project";
import { ConsumerApp, FLAVOUR, npmWarningsAbout, run } from "../support/consumer-app";
import { AWS6, DEVELOPMENT, LINE, LINE_SPEC } from "../support/line";
import { scratchDir } from "../support/scratch";
import { TerraformWorkspace } from "../support/terraform";

// The packed tarball, made as a release makes it (scripts/pack.js), installed by name into a fresh app with its
// peers; on the AWS 5 line real Terraform validates and plans what it synthesizes (no AWS 6 provider plugin is
// available offline; there the synthesized attribute names are checked). The jsii bindings for the other languages
// are generated from the installed package, as a release generates them.
const ROOT = path.join(__dirname, "..", "..");
const { pack } = require(path.join(ROOT, "scripts", "pack.js"));
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const { generateBindings } = require(path.join(ROOT, "scripts", "bindings.js"));

describe(`the packed ${FLAVOUR.name} in a fresh app on ${LINE}`, () => {
  let app: ConsumerApp;

  beforeAll(() => {
    // A flavour of its own (cdktn) is built from lib/ here (jsii, no warnings allowed), in parallel with the other
    // suites.
    if (LINE_SPEC.packageDir !== ".") run(process.execPath, [path.join(ROOT, "scripts", "build-cdktn.js")], ROOT);
    const tarballs = scratchDir("tarball-");
    app = ConsumerApp.install("consumer-", `file:${pack(FLAVOUR.packageDir, tarballs)}`);
    fs.rmSync(tarballs, { recursive: true, force: true });
  });

  afterAll(() => app.remove());

  test("the tarball holds the built library, its asset and docs, and nothing else", () => {
    const files = execFileSync("find", [".", "-type", "f"], { cwd: app.installed, encoding: "utf8" })
      .trim()
      .split("\n")
      .map((f) => f.slice(2))
      .sort();
    expect(files.filter((f) => !/^build\/lib\/.*\.(js|d\.ts)$/.test(f))).toEqual([
      ".jsii",
      "API.md",
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "build/lib/assets/ecs-registry-auth.sh",
      "package.json",
    ]);
    expect(files.some((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toBe(false);
  });

  test("npm installs it without a warning about it: the packed package.json has no development scripts", () => {
    expect(app.installOutput).toMatch(/added \d+ packages/); // control: this is npm install's output
    expect(app.warningsAboutUs()).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(app.installed, "package.json"), "utf8"));
    for (const field of ["scripts", "devDependencies", "allowScripts"]) expect(manifest).not.toHaveProperty([field]);
    expect(manifest).toHaveProperty("peerDependencies");
  });

  test("control: npm does warn, naming the package, about a tarball whose package.json keeps prepare", () => {
    const dir = scratchDir("warn-control-");
    try {
      fs.mkdirSync(path.join(dir, "package"));
      fs.writeFileSync(
        path.join(dir, "package", "package.json"),
        JSON.stringify({ name: FLAVOUR.name, version: "0.0.0-control", scripts: { prepare: "node build.js" } }),
      );
      const [packed] = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts"], path.join(dir, "package")));
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "control", private: true }));
      const output = run(
        "bash",
        ["-c", `npm install --no-audit --no-fund "$0" 2>&1`, path.join(dir, "package", packed.filename)],
        dir,
      );
      expect(npmWarningsAbout(output, FLAVOUR.name)).not.toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the README snippets define at least the ECS and both Batch routes", () => {
    expect(app.stacks.length).toBeGreaterThanOrEqual(3);
  });

  test("type-checks under strict flags, including exactOptionalPropertyTypes", () => {
    app.compile();
  });

  test("synthesizes with plain node and the context cdktf.json gives, as the CLI passes it", () => {
    app.synth();
    for (const stack of app.stacks) {
      const config = app.config(stack);
      expect(config.terraform.required_providers.aws.version).toMatch(AWS6 ? /^6\./ : /^5\./);
      for (const ce of Object.values(config.resource.aws_batch_compute_environment ?? {})) {
        expect(ce).toHaveProperty(AWS6 ? "name" : "compute_environment_name", "private-registry-instances");
        expect(ce).not.toHaveProperty(AWS6 ? "compute_environment_name" : "name");
      }
    }
    const names = app.stacks.flatMap((s) => Object.values(app.config(s).resource.aws_batch_compute_environment ?? {}));
    expect(names).toHaveLength(1); // control: the README's Batch snippet is here, so the check above ran
  });

  test("every container document the snippets synthesize satisfies AWS's API model", () => {
    const documents = app.stacks.flatMap((stack) => documentsOf(stack, app.config(stack)));
    expect(documents.filter((d) => d.shape === "EcsProperties")).toHaveLength(1); // control: the multi-container snippet is here
    expect(modelProblems(documents)).toEqual([]);
  });

  (AWS6 ? test.skip : test)("every stack validates and plans under real Terraform", () => {
    for (const stack of app.stacks) {
      const ws = TerraformWorkspace.fromSynthesizedJson(
        path.join(app.dir, "cdktf.out", "stacks", stack, "cdk.tf.json"),
      );
      try {
        ws.init();
        const vars = Object.keys(JSON.parse(fs.readFileSync(path.join(ws.dir, "cdk.tf.json"), "utf8")).variable ?? {});
        const values: Record<string, string> = { subnet_ids: '["subnet-1"]', security_group_ids: '["sg-1"]' };
        // The ECS-on-EC2 snippet reads the ECS AMI's public SSM parameter at plan: moto answers it on loopback.
        const { changes, diagnostics } = ws.planWithEmulator(
          Object.fromEntries(vars.map((v) => [v, values[v] ?? "S3ntinel-consumer"])),
        );
        expect(diagnostics).toEqual([]);
        expect(changes.filter((c) => c.type === "aws_iam_role_policy" && c.action === "create").length).toBeGreaterThan(
          0,
        );
      } finally {
        ws.remove();
      }
    }
  });

  // The README's review recipe, the line exactly as written there, with the CLI this repository pins, on the app the
  // compile test built (out/main.js); the cdktn CLI is not installed here.
  (LINE_SPEC.framework !== "cdktf" ? test.skip : test)(
    "the README's review recipe leaves HCL that terraform fmt -check accepts, and it validates",
    () => {
      const recipe = /^(\S*cdktf synth --hcl && terraform fmt .*)$/m.exec(README)?.[1];
      expect(recipe).toBe("cdktf synth --hcl && terraform fmt -recursive cdktf.out");
      const project = new CdktfProject(app.dir);
      project.shell(recipe!);
      expect(project.stacks().sort()).toEqual([...app.stacks].sort());
      expect(project.shell("terraform fmt -check -recursive cdktf.out")).toBe("");
      if (AWS6) return; // validating needs the AWS 6 plugin, which is not available offline
      for (const stack of app.stacks) {
        const ws = TerraformWorkspace.fromFiles({
          "main.tf": fs.readFileSync(path.join(project.stackDir(stack), "cdk.tf"), "utf8"),
        });
        try {
          expect(ws.initAndValidate()).toEqual({
            format_version: expect.any(String),
            valid: true,
            error_count: 0,
            warning_count: 0,
            diagnostics: [],
          });
        } finally {
          ws.remove();
        }
      }
    },
  );

  // The release builds them with the same script (scripts/bindings.js), without --code-only, from the tested
  // tarballs installed with the newest peers they allow, as on the AWS 6 line. The AWS 5 line installs the same
  // assembly, so its bindings are not generated again there.
  (DEVELOPMENT ? describe.skip : describe)(
    "bindings for the other jsii languages, generated from the installed package",
    () => {
      let bindings: string;
      let out: string;
      let printed: string;
      beforeAll(() => {
        bindings = scratchDir("bindings-");
        printed = generateBindings({ packageDirs: [app.installed], outdir: bindings, codeOnly: true });
        out = path.join(bindings, FLAVOUR.name);
      });
      afterAll(() => fs.rmSync(bindings, { recursive: true, force: true }));

      const filesUnder = (dir: string, ending: string): string[] =>
        execFileSync("find", [dir, "-type", "f", "-name", `*${ending}`], { encoding: "utf8" })
          .trim()
          .split("\n")
          .filter(Boolean);
      const flat = FLAVOUR.name.replace(/-/g, "");
      const snake = FLAVOUR.name.replace(/-/g, "_");

      test("jsii-pacmak generates Python, Java, C# and Go with no warning", () => {
        expect(printed).toBe("");
        expect(fs.readdirSync(out).sort()).toEqual(["dotnet", "go", "java", "python"]);
      });

      test("Python: the distribution and module are named after the package, and every file byte-compiles", () => {
        expect(fs.readFileSync(path.join(out, "python", "setup.py"), "utf8")).toContain(`"name": "${FLAVOUR.name}"`);
        const files = filesUnder(path.join(out, "python", "src", snake), ".py");
        expect(files.map((f) => path.relative(path.join(out, "python", "src", snake), f))).toEqual(
          expect.arrayContaining(["__init__.py", "ecs/__init__.py", "batch/__init__.py"]),
        );
        run("python3", ["-m", "py_compile", ...files], out);
      });

      // pacmak escapes a name a language reserves (Python `lambda_`, C# `@event`, a C# member named like its type gets
      // `_`), which reads badly; jsii's build warns about reserved words, and these check what was generated.
      test("no name had to be escaped for Python or C#", () => {
        const script = [
          "import ast, keyword, sys",
          "for f in sys.argv[1:]:",
          "    for node in ast.walk(ast.parse(open(f).read())):",
          "        names = [node.name] if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else [node.arg] if isinstance(node, ast.arg) else []",
          "        for n in names:",
          "            if n.endswith('_') and not n.startswith('_') and keyword.iskeyword(n[:-1]): print(f, n)",
        ].join("\n");
        expect(run("python3", ["-c", script, ...filesUnder(path.join(out, "python", "src"), ".py")], out)).toBe("");
        const escaped = filesUnder(path.join(out, "dotnet"), ".cs").flatMap((file) =>
          fs
            .readFileSync(file, "utf8")
            .split("\n")
            .filter(
              (line) => !line.trim().startsWith("//") && /(^|[\s(,])@[A-Za-z]\w*|\b[A-Z]\w*[a-z0-9]_\b/.test(line),
            )
            .map((line) => `${path.basename(file)}: ${line.trim()}`),
        );
        expect(escaped).toEqual([]);
      });

      test("Java, C# and Go: the conventional package, namespace and module names", () => {
        const javaPackage = path.join(
          out,
          "java",
          "src",
          "main",
          "java",
          "io",
          "github",
          "cdktf_private_registry",
          FLAVOUR.name.split("-")[0]!,
        );
        expect(fs.existsSync(path.join(javaPackage, "RegistrySecret.java"))).toBe(true);
        expect(fs.existsSync(path.join(javaPackage, "ecs", "TaskDefinition.java"))).toBe(true);
        expect(fs.readFileSync(path.join(out, "java", "pom.xml"), "utf8")).toContain(
          `<artifactId>${FLAVOUR.name}</artifactId>`,
        );
        const namespace = FLAVOUR.name
          .split("-")
          .map((w) => w[0]!.toUpperCase() + w.slice(1))
          .join("");
        expect(fs.existsSync(path.join(out, "dotnet", namespace, namespace, "Ecs", "TaskDefinition.cs"))).toBe(true);
        const goMod = fs.readFileSync(path.join(out, "go", flat, "go.mod"), "utf8");
        expect(goMod).toMatch(
          new RegExp(`^module github\\.com/cdktf-private-registry/${FLAVOUR.name}-go/${flat}$`, "m"),
        );
        // Go cannot require a range across major versions: the module requires the provider's installed major only.
        const provider = JSON.parse(
          fs.readFileSync(path.join(app.dir, "node_modules", LINE_SPEC.provider, "package.json"), "utf8"),
        ).version;
        expect(goMod).toMatch(
          new RegExp(`provider-aws-go/aws/v${provider.split(".")[0]} v${provider.replace(/\./g, "\\.")}$`, "m"),
        );
      });
    },
  );
});
