import { execFileSync, spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { findProviderMirror, providerBinary, writeMirrorCliConfig } from "./provider-mirror";
import { ProviderServer } from "./provider-server";

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

let isolation: string[] | undefined;
/** `unshare --net -r` when this machine allows it: commands then see only loopback, so a stray call fails fast. */
function isolated(): string[] {
  if (isolation === undefined) {
    const probe = spawnSync("unshare", ["--net", "-r", "true"]);
    isolation = probe.status === 0 ? ["unshare", "--net", "-r"] : [];
  }
  return isolation;
}

// With a local provider, the commands of one test file attach to one provider process (see ProviderServer); started
// on first use, stopped after the file (setup.ts).
let server: ProviderServer | undefined;
function providerServer(binary: string, env: NodeJS.ProcessEnv): ProviderServer {
  server ??= ProviderServer.start(binary, isolated(), { ...env, ...QUIET_PROVIDER });
  return server;
}

/**
 * A provider in debug mode logs at TRACE, request bodies included (a secret's value too), where a normal run logs
 * nothing unless TF_LOG asks: these keep its log as quiet as a normal run's.
 */
const QUIET_PROVIDER = { TF_LOG_PROVIDER_AWS: "OFF", TF_LOG_SDK: "OFF" };

/** Stops this test file's provider process, if one was started. */
export function stopProviderServer(): void {
  server?.stop();
  server = undefined;
}

export interface TerraformResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A resource change as `plan -json` streams it. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly action: string;
}

/**
 * What `TerraformWorkspace.plan` returns. The saved plan's JSON (`terraform show -json`, which starts the provider
 * once more) is read on first use only.
 */
export class Plan {
  private shown?: string;
  private parsed?: any;

  constructor(
    private readonly workspace: TerraformWorkspace,
    public readonly planFile: string,
    /** Every diagnostic the plan reported, warnings too. */
    public readonly diagnostics: unknown[],
    public readonly changes: PlannedChange[],
  ) {}

  /** `terraform show -json` of the saved plan, as text. */
  public get text(): string {
    this.shown ??= this.workspace.ok(["show", "-json", path.basename(this.planFile)]);
    return this.shown;
  }

  public get json(): any {
    this.parsed ??= JSON.parse(this.text);
    return this.parsed;
  }
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
    return TerraformWorkspace.fromFiles({ "cdk.tf.json": JSON.stringify(config, null, 2) }, config.terraform.required_providers);
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
  private constructor(public readonly dir: string, private readonly requiredProviders: object | undefined, singleProvider: boolean) {
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
    const attach = this.attachable && args[0] !== "init" && args[0] !== "fmt" && !Object.keys(extraEnv).some((k) => /^(AWS_|TF_LOG)/.test(k));
    const result = spawnSync(command[0], command.slice(1), {
      cwd,
      env: { ...this.env, ...(attach ? { TF_REATTACH_PROVIDERS: providerServer(this.binary!, this.env).reattach } : {}), ...extraEnv },
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
   * the script starts in the background go into the `cleanup` array, to be stopped (SIGTERM) on exit. With a local provider,
   * the script starts one provider process in its namespace, and its Terraform commands attach to it.
   */
  public script(body: string, extraEnv: NodeJS.ProcessEnv = {}): TerraformResult {
    const file = path.join(this.dir, "steps.sh");
    // The value follows a banner that names the variable too: wait for the line that holds it, or stop.
    const provider = !this.attachable ? "" : [
      `${Object.entries(QUIET_PROVIDER).map(([k, v]) => `${k}=${v}`).join(" ")} setpriv --pdeathsig KILL -- ${JSON.stringify(this.binary)} -debug >provider.out 2>&1 & provider=$!`,
      "for _ in $(seq 600); do grep -qs \"TF_REATTACH_PROVIDERS='\" provider.out && break; sleep 0.1; done",
      "TF_REATTACH_PROVIDERS=$(sed -n \"s/.*TF_REATTACH_PROVIDERS='\\(.*\\)'/\\1/p\" provider.out)",
      '[ -n "$TF_REATTACH_PROVIDERS" ] || { echo "the provider did not start in debug mode:" >&2; cat provider.out >&2; exit 1; }',
      "export TF_REATTACH_PROVIDERS",
    ].join("\n");
    fs.writeFileSync(file, [
      "set -euo pipefail",
      "ip link set lo up",
      "cleanup=()",
      'provider=""',
      // The provider gets SIGINT, as on Ctrl-C, and removes its socket (background jobs ignore SIGINT, so the others
      // get SIGTERM); then wait, so nothing outlives the script.
      `trap '[ -z "$provider" ] || kill -INT "$provider" 2>/dev/null || true; kill "\${cleanup[@]}" 2>/dev/null || true; wait' EXIT`,
      provider,
      body,
      "",
    ].join("\n"));
    const result = spawnSync("unshare", ["--net", "-r", "bash", file], {
      cwd: this.dir,
      env: { ...this.env, ...extraEnv },
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
    const template = this.binary !== undefined && this.requiredProviders !== undefined ? this.initTemplate(this.requiredProviders) : undefined;
    if (template === undefined) {
      this.ok(["init", "-input=false", "-no-color"]);
      return;
    }
    fs.cpSync(path.join(template, ".terraform"), path.join(this.dir, ".terraform"), { recursive: true, verbatimSymlinks: true });
    fs.copyFileSync(path.join(template, ".terraform.lock.hcl"), path.join(this.dir, ".terraform.lock.hcl"));
  }

  /** A directory where `init` ran on a configuration requiring exactly `requiredProviders`; made on first use. */
  private initTemplate(requiredProviders: object): string {
    const shape = JSON.stringify({ requiredProviders, cliConfig: fs.readFileSync(this.env.TF_CLI_CONFIG_FILE!, "utf8") });
    const hash = createHash("sha256").update(shape).digest("hex").slice(0, 16);
    // Per user: another user's directory of that name is not ours to trust or to write.
    const template = path.join(os.tmpdir(), `cdktf-private-registry-init-${os.userInfo().uid}-${hash}`);
    // Only a directory this user made is trusted: its .terraform is copied into every workspace.
    const complete = (dir: string) => fs.existsSync(path.join(dir, ".terraform.lock.hcl")) && fs.statSync(dir).uid === os.userInfo().uid;
    if (complete(template)) return template;
    const draft = fs.mkdtempSync(`${template}-draft-`);
    fs.writeFileSync(path.join(draft, "main.tf.json"), JSON.stringify({ terraform: { required_providers: requiredProviders } }));
    const result = this.run(["init", "-input=false", "-no-color"], {}, draft);
    if (result.status !== 0) throw new Error(`terraform init of the template failed:\n${result.stderr}\n${result.stdout}`);
    try {
      fs.renameSync(draft, template); // atomic
    } catch (error) {
      // Another worker won the race: use its template. Anything else (a broken leftover): use this draft.
      if (!complete(template)) return draft;
      fs.rmSync(draft, { recursive: true, force: true });
    }
    return template;
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
      `for _ in $(seq 300); do curl -s -o /dev/null http://127.0.0.1:${EMULATOR_PORT}/ && break; sleep 0.1; done`,
      `terraform plan ${PLAN_ARGS.join(" ")}`,
    ].join("\n");
    return this.planned(this.script(body, { ...varEnv(vars), AWS_ENDPOINT_URL: `http://127.0.0.1:${EMULATOR_PORT}` }));
  }

  /** The saved plan of a `plan -json` run, or an error with its diagnostics. */
  private planned(result: TerraformResult): Plan {
    const messages = result.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    const diagnostics = messages.filter((m) => m.type === "diagnostic").map((m) => m.diagnostic);
    if (result.status !== 0) {
      throw new Error(`terraform plan failed (${result.status}):\n${JSON.stringify(diagnostics, null, 2)}\n${result.stderr}`);
    }
    const changes = messages.filter((m) => m.type === "planned_change").map((m) => ({
      address: m.change.resource.addr, type: m.change.resource.resource_type, action: m.change.action,
    }));
    return new Plan(this, path.join(this.dir, "plan.bin"), diagnostics, changes);
  }

  public remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const PLAN_ARGS = ["-input=false", "-no-color", "-lock=false", "-json", "-out=plan.bin"];
/** Where `planWithEmulator` runs moto, in the plan's own namespace. */
const EMULATOR_PORT = 4599;
const varEnv = (vars: Record<string, string>) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [`TF_VAR_${k}`, v]));

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
  return Object.entries(files).reduce((count, [name, content]) => count + (name.endsWith(".json")
    ? [JSON.parse(content).provider?.aws ?? []].flat().length
    : (content.match(/^provider\s+"aws"/gm) ?? []).length), 0);
}

/** The planned resources of one type in `terraform show -json` output. */
export function plannedResources(plan: any, type: string): any[] {
  return plan.planned_values.root_module.resources.filter((r: any) => r.type === type);
}

/** Every file inside a saved plan (a zip archive), as text, so a leaked value can be searched for. */
export function planFileContents(planFile: string): string {
  const script = "import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nfor n in z.namelist(): sys.stdout.buffer.write(z.read(n))";
  return execFileSync("python3", ["-c", script, planFile]).toString("latin1");
}
