import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LINE, LINE_SPEC, renameImports } from "./line";
import { scratchDir } from "./scratch";
import { TARGET_VERSIONS } from "./stacks";

// A user's app, made as a user makes one: our package installed by npm with its peers, strict compiler flags, the
// README's usage snippets as its source, and plain `node` to synthesize. On the cdktn line the snippets get the one
// change the migration asks for: renamed imports.
const ROOT = path.join(__dirname, "..", "..");
const devVersion = (name: string) => require(path.join(ROOT, "package.json")).devDependencies[name] as string;

export interface Flavour {
  /** Where the package to pack lives. */
  readonly packageDir: string;
  readonly name: string;
  /** The peers a user installs; ranges resolve to the newest release, as for a user. */
  readonly peers: Record<string, string>;
  /** The README snippets as this line's users write them. */
  readonly rewrite: (code: string) => string;
}

/** The package this line's users install. */
export const FLAVOUR: Flavour = {
  packageDir: path.join(ROOT, LINE_SPEC.packageDir),
  name: LINE_SPEC.packageName,
  peers: LINE_SPEC.peers,
  rewrite: (code) => renameImports(code, LINE),
};

/** The lines of npm's warnings in `output` that name the package `name`. */
export function npmWarningsAbout(output: string, name: string): string[] {
  return output.split("\n").filter((line) => /^npm warn/i.test(line) && line.includes(name));
}

/** Runs a command; returns what it printed (stdout, then stderr), or throws with it. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
      stdio: "pipe",
    });
  } catch (e: any) {
    throw Object.assign(new Error(`${command} ${args.join(" ")} failed:\n${e.stdout}\n${e.stderr}`), { cause: e });
  }
}

/** The README's ```ts blocks, in order, for this line; each is a whole module exporting one stack class. */
function readmeSnippets(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => FLAVOUR.rewrite(m[1]!));
}

export class ConsumerApp {
  /**
   * A fresh app whose package.json depends on our package through `dependency` (a tarball's `file:` URL, a git URL)
   * plus `manifest` (e.g. `allowScripts`), with the README snippets as its source; `npm install` has run.
   */
  public static install(prefix: string, dependency: string, manifest: object = {}): ConsumerApp {
    const dir = scratchDir(prefix);
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify(
        {
          name: "consumer",
          private: true,
          dependencies: { [FLAVOUR.name]: dependency, ...FLAVOUR.peers },
          devDependencies: { typescript: devVersion("typescript"), "@types/node": devVersion("@types/node") },
          ...manifest,
        },
        null,
        2,
      ),
    );
    // What a cdktn user sets (cdktn checks write-only arguments against it); CDKTF ignores it.
    fs.writeFileSync(
      path.join(dir, "cdktf.json"),
      JSON.stringify({ language: "typescript", app: "node out/main.js", context: TARGET_VERSIONS }, null, 2),
    );
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify(
        {
          compilerOptions: {
            target: "ES2022",
            module: "CommonJS",
            lib: ["es2022"],
            types: ["node"],
            strict: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            noImplicitOverride: true,
            noUnusedLocals: true,
            noPropertyAccessFromIndexSignature: true,
            skipLibCheck: true,
            outDir: "out",
          },
          include: ["*.ts"],
        },
        null,
        2,
      ),
    );
    const snippets = readmeSnippets();
    snippets.forEach((code, i) => fs.writeFileSync(path.join(dir, `snippet${i + 1}.ts`), code));
    const classes = snippets.map((code, i) => [i + 1, /export class (\w+)/.exec(code)?.[1]] as const);
    fs.writeFileSync(
      path.join(dir, "main.ts"),
      [
        FLAVOUR.rewrite('import { App } from "cdktf";'),
        ...classes.map(([i, name]) => `import { ${name} } from "./snippet${i}";`),
        "const app = new App();",
        ...classes.map(([i, name]) => `new ${name}(app, "readme-${i}");`),
        "app.synth();",
        "",
      ].join("\n"),
    );
    // stderr too: npm's warnings are what the tests read. Install scripts are not ignored, as for a user.
    const output = run("bash", ["-c", "npm install --prefer-offline --no-audit --no-fund 2>&1"], dir);
    return new ConsumerApp(
      dir,
      classes.map(([i]) => `readme-${i}`),
      output,
    );
  }

  private constructor(
    public readonly dir: string,
    /** The stacks main.ts makes, one per snippet. */
    public readonly stacks: string[],
    /** What `npm install` printed. */
    public readonly installOutput: string,
  ) {}

  /** The lines of npm's warnings that name our package. */
  public warningsAboutUs(): string[] {
    return npmWarningsAbout(this.installOutput, FLAVOUR.name);
  }

  /** Where npm installed our package. */
  public get installed(): string {
    return path.join(this.dir, "node_modules", FLAVOUR.name);
  }

  /** `tsc -p .` with the app's strict flags. */
  public compile(): void {
    run(path.join(this.dir, "node_modules", ".bin", "tsc"), ["-p", "."], this.dir);
  }

  /** `node out/main.js` with the context cdktf.json gives, as the CLI passes it. */
  public synth(): void {
    const context = JSON.parse(fs.readFileSync(path.join(this.dir, "cdktf.json"), "utf8")).context;
    run(process.execPath, ["out/main.js"], this.dir, {
      CDKTF_OUTDIR: path.join(this.dir, "cdktf.out"),
      CDKTF_CONTEXT_JSON: JSON.stringify(context),
    });
  }

  /** A synthesized stack's configuration. */
  public config(stack: string): any {
    return JSON.parse(fs.readFileSync(path.join(this.dir, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"));
  }

  public remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
