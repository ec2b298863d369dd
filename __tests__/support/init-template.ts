import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * A directory where `terraform init` ran on a configuration requiring exactly `requiredProviders` with the CLI
 * config `cliConfigFile`, made on first use by `runInit(dir)` and shared by every test file on this machine: a
 * workspace copies its `.terraform` (a link into the mirror) and lock file instead of running `init` again.
 */
export function initTemplate(
  requiredProviders: object,
  cliConfigFile: string,
  runInit: (dir: string) => { status: number | null; stdout: string; stderr: string },
): string {
  const shape = JSON.stringify({ requiredProviders, cliConfig: fs.readFileSync(cliConfigFile, "utf8") });
  const hash = createHash("sha256").update(shape).digest("hex").slice(0, 16);
  // Per user: another user's directory of that name is not ours to trust or to write.
  const template = path.join(os.tmpdir(), `cdktf-private-registry-init-${os.userInfo().uid}-${hash}`);
  // Only a directory this user made is trusted: its .terraform is copied into every workspace.
  const complete = (dir: string) =>
    fs.existsSync(path.join(dir, ".terraform.lock.hcl")) && fs.statSync(dir).uid === os.userInfo().uid;
  if (complete(template)) return template;
  const draft = fs.mkdtempSync(`${template}-draft-`);
  fs.writeFileSync(
    path.join(draft, "main.tf.json"),
    JSON.stringify({ terraform: { required_providers: requiredProviders } }),
  );
  const result = runInit(draft);
  if (result.status !== 0)
    throw new Error(`terraform init of the template failed:\n${result.stderr}\n${result.stdout}`);
  try {
    fs.renameSync(draft, template); // atomic
  } catch (error) {
    // Another worker won the race: use its template. Anything else (a broken leftover): use this draft.
    if (!complete(template)) return draft;
    fs.rmSync(draft, { recursive: true, force: true });
  }
  return template;
}
