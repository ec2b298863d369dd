import { failFor } from "../../lib/private/fail";
import { renderUserData } from "../../lib/private/user-data";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "./emulator";

/** Debian's python3 (with PyYAML, a cloud-init dependency); falls back to whatever python3 is on PATH. */
const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

export interface MimePart {
  readonly contentType: string;
  readonly headers: Record<string, string>;
  readonly payload: string;
}

/** Parses MIME multipart user data with Python's `email` package, as cloud-init does. */
export function parseMime(text: string): { contentType: string; boundary: string; parts: MimePart[] } {
  const script = `
import email, json, sys
m = email.message_from_string(sys.stdin.read())
parts = [{"contentType": p.get_content_type(), "headers": dict(p.items()), "payload": p.get_payload()} for p in m.get_payload()]
print(json.dumps({"contentType": m.get_content_type(), "boundary": m.get_boundary(), "parts": parts}))`;
  return JSON.parse(execFileSync(PYTHON, ["-c", script], { input: text }).toString());
}

/** Loads YAML with PyYAML, the parser cloud-init uses. */
export function parseYaml(text: string): any {
  const script = "import json, sys, yaml\nprint(json.dumps(yaml.safe_load(sys.stdin.read())))";
  return JSON.parse(execFileSync(PYTHON, ["-c", script], { input: text }).toString());
}

/** `cloud-init schema --config-file`: status and output. */
export function cloudInitSchema(cloudConfig: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-"));
  const file = path.join(dir, "user-data.yaml");
  fs.writeFileSync(file, cloudConfig);
  const run = spawnSync("cloud-init", ["schema", "--config-file", file], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/**
 * What cloud-init makes of a MIME user data's cloud-config parts: its own processor and cloud-config handler (Debian's
 * cloud-init, run by the Python its `cloud-init` command runs on), merging the parts by their Merge-Type headers as
 * an instance does. Returns the merged cloud-config, parsed.
 */
export function cloudInitMerge(userData: string): any {
  const cloudInit = execFileSync("sh", ["-c", "command -v cloud-init"], { encoding: "utf8" }).trim();
  const python = fs
    .readFileSync(cloudInit, "utf8")
    .split("\n")[0]
    .replace(/^#!\s*/, "")
    .split(" ")[0];
  const script = [
    "import sys, tempfile",
    "from cloudinit import handlers, helpers, user_data",
    "from cloudinit.handlers.cloud_config import CloudConfigPartHandler",
    "tmp = tempfile.mkdtemp()",
    "paths = helpers.Paths({'cloud_dir': tmp, 'run_dir': tmp})",
    "message = user_data.UserDataProcessor(paths).process(sys.stdin.read())",
    "handler = CloudConfigPartHandler(paths)",
    "handler.cloud_fn = tmp + '/cloud-config.txt'",
    "handler.handle_part(None, handlers.CONTENT_START, None, None, None, None)",
    "for part in message.walk():",
    "    if part.get_content_type() == 'text/cloud-config':",
    "        handler.handle_part(None, 'text/cloud-config', part.get_filename(), part.get_payload(decode=True).decode(), None, dict(part.items()))",
    "handler.handle_part(None, handlers.CONTENT_END, None, None, None, None)",
    "sys.stdout.write(open(handler.cloud_fn).read())",
  ].join("\n");
  return parseYaml(execFileSync(python, ["-c", script], { input: userData, encoding: "utf8" }));
}

/** `shellcheck` on a script: status and findings. */
export function shellcheck(script: string): { status: number | null; output: string } {
  const run = spawnSync("shellcheck", ["--shell=bash", "-"], { input: script, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

export interface BootRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every command line the script ran through a stand-in or wrapper (aws, curl, python3). */
  readonly argv: string;
  readonly sleeps: number[];
  /** systemctl calls the script made (to a stand-in). */
  readonly systemctl: string[];
  readonly imdsRequests: string[];
  /** IMDSv2 tokens the stand-in handed out. */
  readonly imdsTokens: string[];
  /** /etc/ecs/ecs.config after the run, and its mode, or undefined if absent. */
  readonly ecsConfig?: string;
  readonly ecsConfigMode?: number;
}

export interface BootScenario {
  /** Secret ARN → SecretString, as Secrets Manager would hold them (null: a binary secret). */
  readonly secrets: Record<string, string | null>;
  /** Whether the ECS agent is already running when the script ends. */
  readonly ecsRunning?: boolean;
  readonly region?: string;
  /** Calls of `aws` that fail first as if the network were not up. */
  readonly awsFailures?: number;
  /** Contents of /etc/ecs/ecs.config before the script runs. */
  readonly existingEcsConfig?: string;
  /**
   * Run inside this emulator's namespace with the real AWS CLI talking to it (then `secrets` is not used); the
   * instance metadata service stays the stand-in.
   */
  readonly emulator?: Emulator;
}

const SANDBOX_TOOLS = path.join(__dirname, "boot-sandbox");

/**
 * Runs a boot script in a sandbox: a network namespace holding only loopback, a stand-in IMDS (IMDSv2 only) on
 * loopback, stand-ins for `aws` and `sleep`, and a temporary root for /etc/ecs.
 */
export function runBootScript(script: string, scenario: BootScenario): BootRun {
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "boot-"));
  try {
    const etc = path.join(sandbox, "root", "etc", "ecs");
    if (scenario.existingEcsConfig !== undefined) {
      fs.mkdirSync(etc, { recursive: true });
      fs.writeFileSync(path.join(etc, "ecs.config"), scenario.existingEcsConfig, { mode: 0o644 });
    }
    fs.writeFileSync(path.join(sandbox, "secrets.json"), JSON.stringify(scenario.secrets));
    fs.writeFileSync(path.join(sandbox, "aws-failures"), String(scenario.awsFailures ?? 0));
    fs.writeFileSync(path.join(sandbox, "boot.sh"), script);
    if (scenario.ecsRunning) fs.writeFileSync(path.join(sandbox, "ecs-running"), "");
    const args = [path.join(SANDBOX_TOOLS, "run.sh"), sandbox, path.join(sandbox, "boot.sh")];
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, FAKE_REGION: scenario.region ?? "eu-west-1" };
    const run =
      scenario.emulator !== undefined
        ? scenario.emulator.run("bash", args, {
            env: {
              ...scenario.emulator.env,
              ...env,
              REAL_AWS: execFileSync("sh", ["-c", "command -v aws"], { encoding: "utf8" }).trim(),
            },
            // Above the sandbox's own waits (60 s for its services, 60 s a reply), so their messages can show.
            timeoutSeconds: 180,
          })
        : spawnSync("unshare", ["--net", "-r", ...args], { env, encoding: "utf8", timeout: 180_000 });
    if ("error" in run && run.error) throw run.error;
    const read = (name: string) =>
      fs.existsSync(path.join(sandbox, name)) ? fs.readFileSync(path.join(sandbox, name), "utf8") : "";
    const lines = (name: string) =>
      read(name)
        .split("\n")
        .filter((l) => l !== "");
    const configFile = path.join(etc, "ecs.config");
    const exists = fs.existsSync(configFile);
    return {
      status: run.status,
      stdout: read("stdout"),
      stderr: read("stderr") + run.stderr,
      argv: read("argv.log"),
      sleeps: lines("sleep.log").map(Number),
      systemctl: lines("systemctl.log"),
      imdsRequests: lines("imds.log"),
      imdsTokens: lines("imds.log.tokens"),
      ecsConfig: exists ? fs.readFileSync(configFile, "utf8") : undefined,
      ecsConfigMode: exists ? fs.statSync(configFile).mode & 0o777 : undefined,
    };
  } finally {
    fs.rmSync(sandbox, { recursive: true, force: true });
  }
}

/** Registries and secrets the user-data and boot-script tests share. */
export const HUB = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/hub-AbC123";
export const QUAY = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/quay-XyZ789";
export const LOCAL = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/local-Qq1234";
export const REGISTRIES = [
  { registry: "docker.io", secretArn: HUB },
  { registry: "quay.io", secretArn: QUAY },
  { registry: "registry.example.com:5000", secretArn: LOCAL },
];

/** The boot script exactly as an instance would get it: out of the MIME document, out of the cloud-config. */
export function shippedScript(registries = REGISTRIES): string {
  const mime = parseMime(
    renderUserData(failFor("test"), { registries, registriesProp: "registryCredentials", partsProp: "userDataParts" }),
  );
  const config = parseYaml(mime.parts.find((p) => p.contentType === "text/cloud-config")!.payload);
  return config.write_files[0].content;
}
