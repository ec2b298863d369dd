import * as fs from "fs";
import * as path from "path";
import { Fn, Token } from "cdktf";
import { Fail } from "./fail";
import { authKeyForHost, checkRegistryHost } from "./registry-host";

/** Where the boot script is installed on the instance. */
export const BOOT_SCRIPT_PATH = "/usr/local/sbin/ecs-registry-auth";
/** Not Batch's or cloud-init's usual `==BOUNDARY==`, so merged documents never collide. */
export const MIME_BOUNDARY = "==cdktf-private-registry-7f3c1a==";
// Appending our lists to earlier parts' lists (instead of cloud-init's default of replacing them) keeps users'
// own write_files/runcmd and ours both.
const MERGE_TYPE = "list(append)+dict(no_replace,recurse_list)+str()";
const ARN_SAFE = /^[A-Za-z0-9:/_+=.@-]+$/;
const SCRIPT_TEMPLATE = fs.readFileSync(path.join(__dirname, "..", "batch", "assets", "ecs-registry-auth.sh"), "utf8");

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
}

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
      throw fail(`${request.partsProp}[${i}] content type "${part.contentType}" is not a MIME type`, "use a type such as text/x-shellscript or text/cloud-config");
    }
    if (part.content.includes(MIME_BOUNDARY)) {
      throw fail(`${request.partsProp}[${i}] contains the MIME boundary "${MIME_BOUNDARY}"`, "remove that string from the part");
    }
    lines.push(`--${MIME_BOUNDARY}`, `Content-Type: ${part.contentType}; charset="utf-8"`);
    if (part === ours) lines.push(`Merge-Type: ${MERGE_TYPE}`);
    lines.push("", part.content.replace(/\n$/, ""), "");
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
  const script = renderBootScript(fail, request);
  const indented = script.replace(/\n$/, "").split("\n").map((l) => (l === "" ? "" : `      ${l}`)).join("\n");
  return [
    "#cloud-config",
    "# Private-registry credentials for the ECS agent, written by cdktf-private-registry.",
    "write_files:",
    `  - path: ${BOOT_SCRIPT_PATH}`,
    "    owner: root:root",
    "    permissions: '0700'",
    "    content: |",
    indented,
    "runcmd:",
    `  - [${BOOT_SCRIPT_PATH}]`,
    "",
  ].join("\n");
}

/** The boot script with the registries filled in. */
export function renderBootScript(fail: Fail, request: UserDataRequest): string {
  const prop = request.registriesProp;
  if (request.registries.length === 0) throw fail(`${prop} is empty`, "pass at least one registry and its secret");
  const seen = new Set<string>();
  const entries = request.registries.map(({ registry, secretArn }, i) => {
    if (Token.isUnresolved(registry)) {
      throw fail(`${prop}[${i}] names its registry with a Terraform reference`, "give the registry host as a literal, such as docker.io or quay.io: it keys the ECS agent's credentials");
    }
    checkRegistryHost(fail, `${prop}[${i}] registry`, registry);
    const key = authKeyForHost(registry);
    if (seen.has(key)) throw fail(`${prop}[${i}] registry "${registry}" is listed twice`, "give each registry one secret");
    seen.add(key);
    // A reference is only known at apply time: Terraform base64-encodes it into the script, which decodes and checks
    // it, so no value can ever be read as shell code. A literal is checked here and stays readable.
    if (Token.isUnresolved(secretArn)) return `  '${key} b64:${Fn.base64encode(secretArn)}'`;
    if (!ARN_SAFE.test(secretArn)) {
      throw fail(`${prop}[${i}] secret "${secretArn}" for ${registry} has characters an ARN cannot have`, "pass the secret's complete ARN");
    }
    return `  '${key} ${secretArn}'`;
  });
  return SCRIPT_TEMPLATE.replace("#REGISTRIES#", entries.join("\n"));
}
