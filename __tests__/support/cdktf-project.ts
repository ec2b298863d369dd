import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Emulator } from "./emulator";
import { findProviderMirror, writeMirrorCliConfig } from "./provider-mirror";
import { planFileContents } from "./plan";
import { scratchDir } from "./scratch";

const ROOT = path.join(__dirname, "..", "..");
/** Where the cdktf CLI this repository pins is, run as a globally installed one would be. */
const BIN = path.join(ROOT, "node_modules", ".bin");
const CDKTF = path.join(BIN, "cdktf");

/**
 * A cdktf project folder whose stacks the real `cdktf` CLI synthesizes, deploys, diffs and destroys against an
 * emulator. State is the CLI's default, local files in the folder, so removing the folder removes everything.
 */
export class CdktfProject {
  /**
   * The repository's example app run from a folder of its own: `cdktf.json` as the repository's, with the app's
   * absolute path, so state and `cdktf.out` land in the scratch folder and test files never share them.
   */
  public static forExamples(): CdktfProject {
    const dir = scratchDir("deploy-");
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8"));
    fs.writeFileSync(
      path.join(dir, "cdktf.json"),
      JSON.stringify({ ...config, app: `node ${path.join(ROOT, "scripts", "app.js")}` }),
    );
    return new CdktfProject(dir);
  }

  /** Every command the CLI ran and what it printed, for the leak search. */
  public transcript = "";
  private readonly cliConfig?: string;

  constructor(public readonly dir: string) {
    // Terraform installs the AWS provider from the machine's mirror, offline (see provider-mirror.ts).
    const mirror = findProviderMirror("aws", "5.100.0");
    if (mirror) this.cliConfig = writeMirrorCliConfig(fs.mkdtempSync(path.join(dir, ".terraformrc-")), mirror, "aws");
  }

  /**
   * Runs `cdktf <args>` in the emulator's namespace with the emulator's environment and `TF_VAR_<name>` for each of
   * `vars`; returns what it printed, without terminal colours, or throws with it.
   */
  public cdktf(emulator: Emulator, args: string[], vars: Record<string, string> = {}): string {
    const env: NodeJS.ProcessEnv = {
      ...emulator.env,
      ...Object.fromEntries(Object.entries(vars).map(([k, v]) => [`TF_VAR_${k}`, v])),
      // The CLI would point Terraform at a plugin cache in $HOME; the mirror is installed from directly instead.
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: "true",
      // A variable the test forgot fails the command instead of waiting for an answer on a terminal.
      TF_INPUT: "0",
      ...(this.cliConfig ? { TF_CLI_CONFIG_FILE: this.cliConfig } : {}),
    };
    const result = emulator.run(CDKTF, args, { cwd: this.dir, env, timeoutSeconds: 480 });
    // eslint-disable-next-line no-control-regex
    const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
    this.transcript += `\n$ cdktf ${args.join(" ")}\n${output}`;
    if (result.status !== 0) throw new Error(`cdktf ${args.join(" ")} failed (${result.status}):\n${output}`);
    return output;
  }

  /**
   * Runs a command line with bash in the project folder, as a user types it: the pinned CLI first on `PATH` (as
   * `npm run` puts it), in a network namespace of its own with only loopback, so nothing it starts leaves the
   * machine. Returns what it printed, or throws with it.
   */
  public shell(commandLine: string): string {
    const result = spawnSync("unshare", ["--net", "-r", "bash", "-c", `ip link set lo up && ${commandLine}`], {
      cwd: this.dir,
      env: {
        ...process.env,
        PATH: `${BIN}:${process.env.PATH}`,
        CHECKPOINT_DISABLE: "1",
        TF_IN_AUTOMATION: "1",
        ...(this.cliConfig ? { TF_CLI_CONFIG_FILE: this.cliConfig } : {}),
      },
      encoding: "utf8",
      timeout: 5 * 60 * 1000,
    });
    const output = `${result.stdout}${result.stderr}`;
    this.transcript += `\n$ ${commandLine}\n${output}`;
    if (result.error || result.status !== 0)
      throw new Error(`${commandLine} failed (${result.status ?? result.error}):\n${output}`);
    return output;
  }

  /** The synthesized folder of one stack. */
  public stackDir(stack: string): string {
    return path.join(this.dir, "cdktf.out", "stacks", stack);
  }

  /** The stacks the last synth wrote. */
  public stacks(): string[] {
    return fs.readdirSync(path.dirname(this.stackDir("_")));
  }

  /** The stack's synthesized configuration. */
  public config(stack: string): any {
    return JSON.parse(fs.readFileSync(path.join(this.stackDir(stack), "cdk.tf.json"), "utf8"));
  }

  /** Drops a Terraform override file into a synthesized stack (for `--skip-synth` commands that follow). */
  public override(stack: string, name: string, content: object): void {
    fs.writeFileSync(path.join(this.stackDir(stack), `${name}_override.tf.json`), JSON.stringify(content, null, 2));
  }

  /**
   * Every file the CLI and Terraform wrote in the project (state, state backups, synthesized files, saved plans,
   * which are zip archives, read inside), as text, so a leaked value can be searched for. The provider itself,
   * linked from the mirror, is not ours to search.
   */
  public writtenFiles(): string {
    const texts: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.isFile()) {
          const bytes = fs.readFileSync(file);
          texts.push(bytes.subarray(0, 2).toString() === "PK" ? planFileContents(file) : bytes.toString("latin1"));
        }
      }
    };
    walk(this.dir);
    return texts.join("\n");
  }

  public remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
