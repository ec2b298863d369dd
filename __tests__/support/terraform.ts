import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { findProviderMirror, providerBinary, writeMirrorCliConfig } from "./provider-mirror";
import { initTemplate } from "./init-template";
import { isolated } from "./isolation";
import { Plan } from "./plan";
import { QUIET_PROVIDER, sharedProviderServer } from "./provider-server";

const AWS_PROVIDER_VERSION = "5.100.0";

/** Provider settings that let `plan` run with no account and no network: nothing is ever sent to AWS. */
const OFFLINE_PROVIDER = {
  access_key: "AKIAFAKEFAKEFAKEFAKE",
  secret_key: "fake-secret-key-for-offline-plans",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
};

export interface TerraformResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A synthesized stack in a scratch directory, ready for real `terraform` commands. */
export class TerraformWorkspace {
  /**
   * Synthesizes `stack`, swaps in offline provider settings and drops the backend (state stays in `dir`). A stand-in
   * API's endpoint goes in through the SDK's `AWS_ENDPOINT_URL_<SERVICE>` variables instead (see `script`).
   */
  public static fromStack(stack: TerraformStack): TerraformWorkspace {
    const outdir = Testing.fullSynth(stack);
    try {
      return TerraformWorkspace.fromSynthesizedJson(path.join(outdir, "stacks", stack.node.id, "cdk.tf.json"));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }

  /** A workspace for a `cdk.tf.json` that `cdktf synth` (or an app run with `node`) wrote. */
  public static fromSynthesizedJson(file: string): TerraformWorkspace {
    const config = JSON.parse(fs.readFileSync(file, "utf8"));
    delete config.terraform.backend;
    config.provider.aws = config.provider.aws.map((p: object) => ({ ...p, ...OFFLINE_PROVIDER }));
    return TerraformWorkspace.fromFiles(
      { "cdk.tf.json": JSON.stringify(config, null, 2) },
      config.terraform.required_providers,
    );
  }

  /**
   * A workspace holding exactly these files, e.g. the `cdk.tf` of an HCL synth. `requiredProviders`, when known,
   * lets `init` reuse the result of an earlier `init` of the same providers.
   */
  public static fromFiles(files: Record<string, string>, requiredProviders?: object): TerraformWorkspace {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tf-"));
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    return new TerraformWorkspace(dir, requiredProviders, awsProviderBlocks(files) <= 1);
  }

  private readonly env: NodeJS.ProcessEnv;
  /** The local provider binary, when there is a mirror (then `init` installs from it, offline). */
  private readonly binary?: string;
  /** Whether commands attach to this test file's provider process instead of starting the provider each. */
  private readonly attachable: boolean;

  /**
   * @param singleProvider whether the configuration has at most one `aws` provider block, so commands may attach to
   * the shared provider process (which holds one configuration at a time)
   */
  private constructor(
    public readonly dir: string,
    private readonly requiredProviders: object | undefined,
    singleProvider: boolean,
  ) {
    const mirror = findProviderMirror("aws", AWS_PROVIDER_VERSION);
    this.binary = mirror && providerBinary(mirror, "aws", AWS_PROVIDER_VERSION);
    this.attachable = this.binary !== undefined && singleProvider;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
      AWS_EC2_METADATA_DISABLED: "true",
    };
    if (mirror) env.TF_CLI_CONFIG_FILE = writeMirrorCliConfig(dir, mirror, "aws");
    else if (process.env.TF_CLI_CONFIG_FILE) env.TF_CLI_CONFIG_FILE = process.env.TF_CLI_CONFIG_FILE;
    this.env = env;
  }

  /**
   * Runs `terraform <args>`; every command is network-isolated except an `init` that must download. `init` installs
   * the provider as users get it (mirror or registry); with a local provider, the other commands attach to this
   * file's provider process.
   */
  public run(args: string[], extraEnv: NodeJS.ProcessEnv = {}, cwd = this.dir): TerraformResult {
    const needsNetwork = args[0] === "init" && this.binary === undefined;
    const command = [...(needsNetwork ? [] : isolated()), "terraform", ...args];
    // The shared provider keeps the environment it started with: a command that sets its own AWS_* or TF_LOG*
    // starts the provider itself, as Terraform normally does.
    const attach =
      this.attachable &&
      args[0] !== "init" &&
      args[0] !== "fmt" &&
      !Object.keys(extraEnv).some((k) => /^(AWS_|TF_LOG)/.test(k));
    const result = spawnSync(command[0], command.slice(1), {
      cwd,
      env: {
        ...this.env,
        ...(attach ? { TF_REATTACH_PROVIDERS: sharedProviderServer(this.binary!, this.env).reattach } : {}),
        ...extraEnv,
      },
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      // A data source that needs AWS would retry for many minutes inside the isolated namespace: fail instead.
      timeout: 5 * 60 * 1000,
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /**
   * Runs a bash script in this workspace inside one network namespace with only loopback (so stand-ins it starts
   * are the only services Terraform can reach), with the workspace's Terraform environment and `extraEnv`. Processes
   * the script starts in the background go into the `cleanup` array, to be stopped (SIGTERM) on exit. With a local
   * provider,
   * the script starts one provider process in its namespace, and its Terraform commands attach to it.
   */
  public script(body: string, extraEnv: NodeJS.ProcessEnv = {}): TerraformResult {
    const file = path.join(this.dir, "steps.sh");
    fs.writeFileSync(file, `${body}\n`);
    const provider = this.attachable
      ? {
          PROVIDER_BINARY: this.binary,
          PROVIDER_ENV: Object.entries(QUIET_PROVIDER)
            .map(([k, v]) => `${k}=${v}`)
            .join(" "),
        }
      : {};
    const result = spawnSync("unshare", ["--net", "-r", "bash", NAMESPACE_SCRIPT, file], {
      cwd: this.dir,
      env: { ...this.env, ...provider, ...extraEnv },
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      timeout: 8 * 60 * 1000,
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** Like `run`, but throws with Terraform's output when the command fails. */
  public ok(args: string[], extraEnv: NodeJS.ProcessEnv = {}): string {
    const result = this.run(args, extraEnv);
    if (result.status !== 0) {
      throw new Error(`terraform ${args.join(" ")} failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
    }
    return result.stdout;
  }

  /**
   * `terraform init`: installs the provider from the mirror, or downloads it. With a mirror, a configuration whose
   * required providers were initialized before (by any test file on this machine) gets a copy of that result, the
   * `.terraform` directory (a link into the mirror) and the lock file, instead of another `init`.
   */
  public init(): void {
    const template =
      this.binary !== undefined && this.requiredProviders !== undefined
        ? initTemplate(this.requiredProviders, this.env.TF_CLI_CONFIG_FILE!, (dir) =>
            this.run(["init", "-input=false", "-no-color"], {}, dir),
          )
        : undefined;
    if (template === undefined) {
      this.ok(["init", "-input=false", "-no-color"]);
      return;
    }
    fs.cpSync(path.join(template, ".terraform"), path.join(this.dir, ".terraform"), {
      recursive: true,
      verbatimSymlinks: true,
    });
    fs.copyFileSync(path.join(template, ".terraform.lock.hcl"), path.join(this.dir, ".terraform.lock.hcl"));
  }

  /** `init` then `validate`, for configurations that are not planned; returns validate's JSON report. */
  public initAndValidate(): { valid: boolean; diagnostics: unknown[] } {
    this.init();
    return JSON.parse(this.run(["validate", "-json", "-no-color"]).stdout);
  }

  /**
   * `plan -json -out`: the saved plan, its diagnostics and changes. Plan validates the configuration first, so a
   * separate `validate` would only ask the provider once more.
   */
  public plan(vars: Record<string, string> = {}): Plan {
    return this.planned(this.run(["plan", ...PLAN_ARGS], varEnv(vars)));
  }

  /**
   * `plan` as above, with moto's server on loopback in the plan's own namespace answering what data sources ask AWS
   * at plan (an account id from STS, a public SSM parameter such as the ECS AMI's), every service through
   * `AWS_ENDPOINT_URL`.
   */
  public planWithEmulator(vars: Record<string, string> = {}): Plan {
    const body = [
      `moto_server -H 127.0.0.1 -p ${EMULATOR_PORT} >moto.log 2>&1 & cleanup+=($!)`,
      `for _ in $(seq 1200); do curl -s -o /dev/null http://127.0.0.1:${EMULATOR_PORT}/ && break; sleep 0.1; done`,
      `curl -s -o /dev/null http://127.0.0.1:${EMULATOR_PORT}/ || { echo "moto_server did not start:"; cat moto.log; exit 97; } >&2`,
      `terraform plan ${PLAN_ARGS.join(" ")}`,
    ].join("\n");
    return this.planned(this.script(body, { ...varEnv(vars), AWS_ENDPOINT_URL: `http://127.0.0.1:${EMULATOR_PORT}` }));
  }

  /** The saved plan of a `plan -json` run, or an error with its diagnostics. */
  private planned(result: TerraformResult): Plan {
    const messages = result.stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l));
    const diagnostics = messages.filter((m) => m.type === "diagnostic").map((m) => m.diagnostic);
    if (result.status !== 0) {
      throw new Error(
        `terraform plan failed (${result.status}):\n${JSON.stringify(diagnostics, null, 2)}\n${result.stderr}`,
      );
    }
    const changes = messages
      .filter((m) => m.type === "planned_change")
      .map((m) => ({
        address: m.change.resource.addr,
        type: m.change.resource.resource_type,
        action: m.change.action,
      }));
    return new Plan(this, path.join(this.dir, "plan.bin"), diagnostics, changes);
  }

  public remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The steps' wrapper of `script`: the namespace's loopback, the cleanup, the shared provider. */
const NAMESPACE_SCRIPT = path.join(__dirname, "namespace-script.sh");
const PLAN_ARGS = ["-input=false", "-no-color", "-lock=false", "-json", "-out=plan.bin"];
/** Where `planWithEmulator` runs moto, in the plan's own namespace. */
const EMULATOR_PORT = 4599;
const varEnv = (vars: Record<string, string>) =>
  Object.fromEntries(Object.entries(vars).map(([k, v]) => [`TF_VAR_${k}`, v]));

/** Runs `body` on a workspace for `stack`, and removes the workspace afterwards. */
export function withWorkspace(stack: TerraformStack, body: (ws: TerraformWorkspace) => void): void {
  const ws = TerraformWorkspace.fromStack(stack);
  try {
    body(ws);
  } finally {
    ws.remove();
  }
}

/** How many `aws` provider blocks a configuration's files hold (JSON or HCL). */
function awsProviderBlocks(files: Record<string, string>): number {
  return Object.entries(files).reduce(
    (count, [name, content]) =>
      count +
      (name.endsWith(".json")
        ? [JSON.parse(content).provider?.aws ?? []].flat().length
        : (content.match(/^provider\s+"aws"/gm) ?? []).length),
    0,
  );
}
