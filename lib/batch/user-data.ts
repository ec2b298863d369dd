import * as fs from "fs";
import * as path from "path";
import { Token } from "cdktf";
import { authKeyForHost, isRegistryHost } from "../image-reference";
import { configError } from "../private/errors";

/** One registry whose credentials the ECS agent should hold. */
export interface RegistryAuth {
  /** Registry host (`docker.io`, `quay.io`, `registry.example.com:5000`). */
  readonly registry: string;
  /** Complete ARN of the secret holding `{"username", "password"}`; may be a Terraform reference. */
  readonly secretArn: string;
}

/** An extra MIME part appended to the user data, e.g. your own `text/x-shellscript` or `text/cloud-config`. */
export interface UserDataPart {
  /** MIME type, e.g. `text/x-shellscript`, `text/cloud-config`, `text/cloud-boothook`. */
  readonly contentType: string;
  readonly content: string;
}

export interface EcsAgentAuthUserDataOptions {
  /** At least one registry; each registry host at most once. */
  readonly registries: RegistryAuth[];
  /** Parts placed before ours, in order. @default - none */
  readonly extraParts?: UserDataPart[];
}

/** Where the boot script is installed on the instance. */
export const BOOT_SCRIPT_PATH = "/usr/local/sbin/ecs-registry-auth";
/** Not Batch's or cloud-init's usual `==BOUNDARY==`, so merged documents never collide. */
export const MIME_BOUNDARY = "==cdktf-private-registry-7f3c1a==";
// Appending our lists to earlier parts' lists (instead of cloud-init's default of replacing them) keeps users'
// own write_files/runcmd and ours both.
const MERGE_TYPE = "list(append)+dict(no_replace,recurse_list)+str()";
const ARN_SAFE = /^[A-Za-z0-9:/_+=.@-]+$/;
const SCRIPT_TEMPLATE = fs.readFileSync(path.join(__dirname, "assets", "ecs-registry-auth.sh"), "utf8");

/**
 * Renders EC2 user data that gives the ECS agent credentials for private registries: MIME multipart (AWS Batch
 * merges its own part into it), whose cloud-config part installs a boot script and runs it once at first boot.
 * Pure: no AWS calls, no constructs.
 */
export class EcsAgentAuthUserData {
  /** The complete MIME multipart document. */
  public static render(options: EcsAgentAuthUserDataOptions): string {
    const ours: UserDataPart = { contentType: "text/cloud-config", content: EcsAgentAuthUserData.cloudConfig(options.registries) };
    const parts = [...(options.extraParts ?? []), ours];
    const lines = ["MIME-Version: 1.0", `Content-Type: multipart/mixed; boundary="${MIME_BOUNDARY}"`, ""];
    for (const part of parts) {
      if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(part.contentType)) {
        throw configError("batch.EcsAgentAuthUserData", `extra part content type "${part.contentType}" is not a MIME type`, "use a type such as text/x-shellscript or text/cloud-config");
      }
      if (part.content.includes(MIME_BOUNDARY)) {
        throw configError("batch.EcsAgentAuthUserData", `an extra part contains the MIME boundary "${MIME_BOUNDARY}"`, "remove that string from the part");
      }
      lines.push(`--${MIME_BOUNDARY}`, `Content-Type: ${part.contentType}; charset="utf-8"`);
      if (part === ours) lines.push(`Merge-Type: ${MERGE_TYPE}`);
      lines.push("", part.content.replace(/\n$/, ""), "");
    }
    lines.push(`--${MIME_BOUNDARY}--`, "");
    return lines.join("\n");
  }

  /** The cloud-config part alone: installs the boot script (root, 0700) and runs it. */
  public static cloudConfig(registries: RegistryAuth[]): string {
    const script = EcsAgentAuthUserData.bootScript(registries);
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
  public static bootScript(registries: RegistryAuth[]): string {
    const who = "batch.EcsAgentAuthUserData";
    if (registries.length === 0) throw configError(who, "no registries were given", "pass at least one { registry, secretArn }");
    const seen = new Set<string>();
    const entries = registries.map(({ registry, secretArn }) => {
      if (Token.isUnresolved(registry) || !isRegistryHost(registry)) {
        throw configError(who, `registry "${registry}" is not a literal registry host`, "pass a host such as docker.io, quay.io or registry.example.com:5000");
      }
      const key = authKeyForHost(registry);
      if (seen.has(key)) throw configError(who, `registry "${registry}" is listed twice`, "give each registry one secret");
      seen.add(key);
      if (!Token.isUnresolved(secretArn) && !ARN_SAFE.test(secretArn)) {
        throw configError(who, `secret "${secretArn}" for ${registry} has characters an ARN cannot have`, "pass the secret's complete ARN");
      }
      return `  '${key} ${secretArn}'`;
    });
    return SCRIPT_TEMPLATE.replace("#REGISTRIES#", entries.join("\n"));
  }
}
