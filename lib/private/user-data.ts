import * as fs from "fs";
import * as path from "path";
import { Fn, Token } from "cdktf";
import { Fail } from "./fail";
import { checkNumber } from "./numbers";
import { literalForExpression } from "./terraform-expression";
import { authKeyForHost, checkRegistryHost } from "./registry-host";

/** Where the boot script is installed on the instance. */
export const BOOT_SCRIPT_PATH = "/usr/local/sbin/ecs-registry-auth";
/** Not Batch's or cloud-init's usual `==BOUNDARY==`, so merged documents never collide. */
export const MIME_BOUNDARY = "==cdktf-private-registry-7f3c1a==";
// Appending our lists to earlier parts' lists (instead of cloud-init's default of replacing them) keeps users'
// own write_files/runcmd and ours both.
const MERGE_TYPE = "list(append)+dict(no_replace,recurse_list)+str()";
const ARN_SAFE = /^[A-Za-z0-9:/_+=.@-]+$/;
// ECS: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed" (CreateCluster).
const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** The ECS agent's configuration file on the ECS-optimized AMIs. */
const ECS_CONFIG = "/etc/ecs/ecs.config";
let scriptTemplate: string | undefined;
/** The boot script asset, read on first use so that apps without compute environments never touch the disk for it. */
function bootScriptTemplate(): string {
  scriptTemplate ??= fs.readFileSync(path.join(__dirname, "..", "assets", "ecs-registry-auth.sh"), "utf8");
  return scriptTemplate;
}

/** A registry and the secret with its credentials (the public `batch.RegistryAuth`). */
interface RegistryAuth {
  readonly registry: string;
  readonly secretArn: string;
}

/** A MIME part (the public `batch.UserDataPart`). */
interface UserDataPart {
  readonly contentType: string;
  readonly content: string;
}

/** What to render, and the prop names the caller's user wrote, so errors speak the user's words. */
export interface UserDataRequest {
  readonly registries: RegistryAuth[];
  readonly extraParts?: UserDataPart[];
  /** The prop that holds `registries` (`registryCredentials` on a compute environment). */
  readonly registriesProp: string;
  /** The prop that holds `extraParts` (`userDataParts` on a compute environment). */
  readonly partsProp: string;
  /** Minutes between re-reads of the secrets by a systemd timer; undefined: first boot only. */
  readonly refreshMinutes?: number;
  /** The prop that holds `refreshMinutes`. */
  readonly refreshProp?: string;
  /** The ECS cluster the instances join, written as ECS_CLUSTER; unset when a service (Batch) writes it. */
  readonly clusterName?: string;
}

/** The systemd units that re-run the boot script, so a rotated secret reaches running instances. */
const REFRESH_UNIT = "ecs-registry-auth-refresh";

/**
 * EC2 user data that gives the ECS agent credentials for private registries: MIME multipart (AWS Batch merges its
 * own part into it), whose cloud-config part installs a boot script and runs it once at first boot.
 */
export function renderUserData(fail: Fail, request: UserDataRequest): string {
  const ours: UserDataPart = { contentType: "text/cloud-config", content: renderCloudConfig(fail, request) };
  const parts = [...(request.extraParts ?? []), ours];
  const lines = ["MIME-Version: 1.0", `Content-Type: multipart/mixed; boundary="${MIME_BOUNDARY}"`, ""];
  parts.forEach((part, i) => {
    if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(part.contentType)) {
      throw fail(
        `${request.partsProp}[${i}] content type "${part.contentType}" is not a MIME type`,
        "use a type such as text/x-shellscript or text/cloud-config",
      );
    }
    // A reference's content is known only at apply, when nothing can check it for the boundary: it travels
    // base64-encoded (by Terraform), so whatever it holds cannot end the document and hide our part.
    const reference = part !== ours && Token.isUnresolved(part.content);
    if (!reference && part.content.includes(MIME_BOUNDARY)) {
      throw fail(
        `${request.partsProp}[${i}] contains the MIME boundary "${MIME_BOUNDARY}"`,
        "remove that string from the part",
      );
    }
    lines.push(`--${MIME_BOUNDARY}`, `Content-Type: ${part.contentType}; charset="utf-8"`);
    if (reference) lines.push("Content-Transfer-Encoding: base64");
    if (part === ours) lines.push(`Merge-Type: ${MERGE_TYPE}`);
    // Escaped first: literal text beside the reference is an argument of base64encode, written between quotes.
    const body = reference ? Fn.base64encode(literalForExpression(part.content)) : part.content.replace(/\n$/, "");
    lines.push("", body, "");
  });
  lines.push(`--${MIME_BOUNDARY}--`, "");
  const text = lines.join("\n");
  checkSize(fail, text, request.partsProp);
  return text;
}

/** EC2 refuses user data over 16 KB (before base64), and then the launch template fails at deploy. */
const USER_DATA_LIMIT = 16 * 1024;
/** A reference filled in at apply time is counted at this many bytes: a secret ARN, base64-encoded, is at most ~800. */
const REFERENCE_ALLOWANCE = 800;

function checkSize(fail: Fail, text: string, partsProp: string): void {
  const references = Token.isUnresolved(text) ? (text.match(/\$\{TfToken\[[^\]]+\]\}/g) ?? []) : [];
  const literal = references.reduce((t, r) => t.replace(r, ""), text);
  const size = Buffer.byteLength(literal, "utf8") + references.length * REFERENCE_ALLOWANCE;
  if (size > USER_DATA_LIMIT) {
    throw fail(
      `the user data would be ${size} bytes${references.length ? ` (counting each of ${references.length} references as ${REFERENCE_ALLOWANCE})` : ""}, over EC2's limit of ${USER_DATA_LIMIT}`,
      `shrink ${partsProp} (fetch large files from S3 at boot instead), or spread the registries over several compute environments`,
    );
  }
}

/** The cloud-config part alone: installs the boot script (root, 0700) and runs it. */
export function renderCloudConfig(fail: Fail, request: UserDataRequest): string {
  const refresh = refreshUnits(fail, request);
  return [
    "#cloud-config",
    "# Private-registry credentials for the ECS agent, written by cdktf-private-registry.",
    "write_files:",
    ...clusterConfig(fail, request.clusterName),
    ...writeFile(BOOT_SCRIPT_PATH, "0700", renderBootScript(fail, request)),
    ...refresh.flatMap((unit) => writeFile(`/etc/systemd/system/${unit.name}`, "0644", unit.content)),
    "runcmd:",
    `  - [${BOOT_SCRIPT_PATH}]`,
    ...(refresh.length > 0
      ? ["  - [systemctl, daemon-reload]", `  - [systemctl, enable, --now, ${REFRESH_UNIT}.timer]`]
      : []),
    "",
  ].join("\n");
}

/**
 * ECS container instances' agent settings, appended to its configuration by cloud-init before the boot script runs
 * (which keeps other lines): ECS_CLUSTER, and ECS_AWSVPC_BLOCK_IMDS, because the hop limit of 1 keeps only
 * bridge-mode containers from IMDS and the instance role (which reads the registry secrets); awsvpc tasks need the
 * agent's block. A reference travels base64-encoded, so whatever it holds stays data; a literal is checked and
 * readable.
 */
function clusterConfig(fail: Fail, name: string | undefined): string[] {
  if (name === undefined) return [];
  const entry = [`  - path: ${ECS_CONFIG}`, "    owner: root:root", "    permissions: '0600'", "    append: true"];
  // format() keeps the reference an argument of its own, out of any string literal.
  if (Token.isUnresolved(name))
    return [
      ...entry,
      "    encoding: b64",
      `    content: ${Fn.base64encode(Fn.format("ECS_CLUSTER=%s\nECS_AWSVPC_BLOCK_IMDS=true\n", [name]))}`,
    ];
  if (!CLUSTER_NAME.test(name))
    throw fail(`clusterName "${name}" is not an ECS cluster name`, "use 1-255 letters, digits, '-' or '_'");
  return [...entry, `    content: "ECS_CLUSTER=${name}\\nECS_AWSVPC_BLOCK_IMDS=true\\n"`];
}

/** One `write_files` entry owned by root, its content as a YAML literal block. */
function writeFile(path: string, permissions: string, content: string): string[] {
  const indented = content
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => (l === "" ? "" : `      ${l}`))
    .join("\n");
  return [`  - path: ${path}`, "    owner: root:root", `    permissions: '${permissions}'`, "    content: |", indented];
}

/**
 * A oneshot service that re-runs the boot script and a timer that starts it every `refreshMinutes`, spread over
 * instances by a random delay so a fleet does not read its secrets at the same second. The script rewrites the
 * credentials and restarts the agent only when a secret changed; restarting the agent leaves running jobs alone.
 */
function refreshUnits(fail: Fail, request: UserDataRequest): { name: string; content: string }[] {
  const minutes = request.refreshMinutes;
  if (minutes === undefined) return [];
  // The timer's unit files are rendered here, so the interval must be a literal.
  if (Token.isUnresolved(minutes))
    throw fail(
      `${request.refreshProp ?? "refreshMinutes"} is a Terraform reference`,
      "give the minutes as a literal number from 5 to 1440",
    );
  checkNumber(fail, request.refreshProp ?? "refreshMinutes", minutes, { min: 5, max: 1440 });
  const jitter = Math.min(minutes * 12, 900); // a fifth of the interval, at most 15 minutes, in seconds
  return [
    {
      name: `${REFRESH_UNIT}.service`,
      content: [
        "[Unit]",
        "Description=Re-read private-registry credentials for the ECS agent",
        "After=network-online.target",
        "",
        "[Service]",
        "Type=oneshot",
        `ExecStart=${BOOT_SCRIPT_PATH}`,
        "",
      ].join("\n"),
    },
    {
      name: `${REFRESH_UNIT}.timer`,
      content: [
        "[Unit]",
        "Description=Re-read private-registry credentials for the ECS agent periodically",
        "",
        "[Timer]",
        `OnBootSec=${minutes}min`,
        `OnUnitActiveSec=${minutes}min`,
        `RandomizedDelaySec=${jitter}s`,
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
      ].join("\n"),
    },
  ];
}

/** The boot script with the registries filled in. */
export function renderBootScript(fail: Fail, request: UserDataRequest): string {
  const prop = request.registriesProp;
  if (request.registries.length === 0) throw fail(`${prop} is empty`, "pass at least one registry and its secret");
  const seen = new Set<string>();
  const entries = request.registries.map(({ registry, secretArn }, i) => {
    if (Token.isUnresolved(registry)) {
      throw fail(
        `${prop}[${i}] names its registry with a Terraform reference`,
        "give the registry host as a literal, such as docker.io or quay.io: it keys the ECS agent's credentials",
      );
    }
    checkRegistryHost(fail, `${prop}[${i}] registry`, registry);
    const key = authKeyForHost(registry);
    if (seen.has(key))
      throw fail(`${prop}[${i}] registry "${registry}" is listed twice`, "give each registry one secret");
    seen.add(key);
    // A reference is only known at apply time: Terraform base64-encodes it into the script, which decodes and checks
    // it, so no value can ever be read as shell code. A literal is checked here and stays readable.
    if (Token.isUnresolved(secretArn)) return `  '${key} b64:${Fn.base64encode(secretArn)}'`;
    if (!ARN_SAFE.test(secretArn)) {
      throw fail(
        `${prop}[${i}] secret "${secretArn}" for ${registry} has characters an ARN cannot have`,
        "pass the secret's complete ARN",
      );
    }
    return `  '${key} ${secretArn}'`;
  });
  return bootScriptTemplate().replace("#REGISTRIES#", entries.join("\n"));
}
