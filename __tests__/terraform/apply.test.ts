import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { EphemeralVariable, RegistrySecret } from "../../lib";
import { planFileContents } from "../support/plan";
import { TerraformWorkspace } from "../support/terraform";

// A real `terraform apply` of a RegistrySecret against a stand-in of the Secrets Manager API on loopback, inside a
// network namespace with nothing else: where does the password go, and where must it never be?
const STAND_IN = path.join(__dirname, "..", "support", "aws-stand-in", "secretsmanager.py");
const PORT = 8222;
// Set through the SDK's environment variables rather than the provider's `endpoints` block, whose validation alone
// costs the AWS provider about 2 CPU seconds per walk.
const ENDPOINTS = {
  AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${PORT}`,
  AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${PORT}`,
};
const FIRST = 'S3ntinel-first"$\\ü';
const ROTATED = "S3ntinel-rotated'%{x}";

interface Request {
  target: string;
  body: string;
}

function requests(ws: TerraformWorkspace): Request[] {
  const log = path.join(ws.dir, "requests.log");
  return fs.existsSync(log)
    ? fs
        .readFileSync(log, "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l))
    : [];
}

/** Every file Terraform and the provider left in the workspace (state, backups, saved plans, the provider's log). */
function workspaceFiles(ws: TerraformWorkspace): string {
  return fs
    .readdirSync(ws.dir)
    .filter((f) => f.endsWith(".tfstate") || f.endsWith(".backup") || f.endsWith(".bin") || f === "provider.out")
    .map((f) =>
      f.endsWith(".bin") ? planFileContents(path.join(ws.dir, f)) : fs.readFileSync(path.join(ws.dir, f), "latin1"),
    )
    .join("\n");
}

/** Starts the stand-in; `failOnce` names an operation it answers once with a 500, which the SDK retries. */
const standIn = (failOnce = "") => `python3 ${JSON.stringify(STAND_IN)} ${PORT} requests.log ${failOnce} & cleanup+=($!)
for _ in $(seq 600); do (exec 3<>/dev/tcp/127.0.0.1/${PORT}) 2>/dev/null && break; sleep 0.1; done
(exec 3<>/dev/tcp/127.0.0.1/${PORT}) 2>/dev/null || { echo "the Secrets Manager stand-in did not start" >&2; exit 97; }`;

const token = (r: Request): string => JSON.parse(r.body).ClientRequestToken;

describe("a RegistrySecret through a real apply", () => {
  let ws: TerraformWorkspace;
  let output: string;

  beforeAll(() => {
    const stack = new TerraformStack(new App(), "apply");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const version = new TerraformVariable(stack, "password_version", { type: "number" });
    new RegistrySecret(stack, "Hub", {
      registry: "docker.io",
      username: "robot",
      password: new EphemeralVariable(stack, "token").value,
      passwordVersion: version.numberValue,
      name: "registry/hub",
      recoveryWindowInDays: 0,
    });
    ws = TerraformWorkspace.fromStack(stack);
    ws.init();
    const step = (name: string, password: string, v: number, command: string) =>
      `echo "=== ${name}"; TF_VAR_token=${JSON.stringify(password).replace(/\$/g, "\\$")} TF_VAR_password_version=${v} ${command}`;
    const result = ws.script(
      [
        standIn("PutSecretValue"),
        step("apply", FIRST, 1, "terraform apply -auto-approve -input=false -no-color -lock=false"),
        step(
          "replan",
          FIRST,
          1,
          "terraform plan -input=false -no-color -lock=false -detailed-exitcode -out=replan.bin",
        ),
        step(
          "new password, same version",
          ROTATED,
          1,
          "terraform apply -auto-approve -input=false -no-color -lock=false",
        ),
        "echo \"=== requests before the version bump: $(grep PutSecretValue requests.log | grep -o 'ClientRequestToken[^,]*' | sort -u | wc -l)\"",
        step("new password, version 2", ROTATED, 2, "terraform apply -auto-approve -input=false -no-color -lock=false"),
      ].join("\n"),
      ENDPOINTS,
    );
    output = result.stdout + result.stderr;
    if (result.status !== 0) throw new Error(`the apply sequence failed (${result.status}):\n${output}`);
  });
  afterAll(() => ws?.remove());

  test("the password reaches Secrets Manager exactly once per version, and a changed one only with a new version", () => {
    // The SDK retries a call that failed or answered slowly with the same ClientRequestToken, which Secrets Manager
    // treats as the same write: one write per token is what counts. The stand-in fails the first write once, so the
    // retry is on every run, not only on a busy machine.
    const all = requests(ws);
    const writes = all.filter((r) => r.target.endsWith("PutSecretValue"));
    const puts = writes.filter((r, i) => writes.findIndex((o) => token(o) === token(r)) === i);
    expect(writes.length).toBeGreaterThan(puts.length); // control: a retry happened and is told apart
    expect(puts).toHaveLength(2);
    expect(JSON.parse(JSON.parse(puts[0].body).SecretString)).toEqual({
      username: "robot",
      password: FIRST,
      registry: "docker.io",
    });
    expect(JSON.parse(JSON.parse(puts[1].body).SecretString).password).toBe(ROTATED);
    expect(output).toContain("=== requests before the version bump: 1");
    const carrying = all.filter((r) => r.body.includes("S3ntinel-first")).map((r) => `${r.target} ${token(r)}`);
    expect([...new Set(carrying)]).toEqual([`secretsmanager.PutSecretValue ${token(puts[0])}`]);
  });

  test("a re-plan with the same password and version changes nothing", () => {
    expect(output).toMatch(/=== replan[^]*No changes\. Your infrastructure matches the configuration\./);
  });

  test("the password is in no state, state backup, saved plan, or Terraform output", () => {
    const files = workspaceFiles(ws);
    expect(files).toContain("registry/hub"); // control: the search reads the real state
    expect(files).not.toContain("S3ntinel");
    expect(output).not.toContain("S3ntinel");
  });
});

describe("the leak check can fail", () => {
  test("a secret_string from a merely sensitive variable is written to state", () => {
    const stack = new TerraformStack(new App(), "leaky-apply");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const password = new TerraformVariable(stack, "token", { type: "string", sensitive: true });
    const secret = new SecretsmanagerSecret(stack, "S", { name: "leaky", recoveryWindowInDays: 0 });
    new SecretsmanagerSecretVersion(stack, "V", { secretId: secret.id, secretString: password.stringValue });
    const ws = TerraformWorkspace.fromStack(stack);
    try {
      ws.init();
      const result = ws.script(
        `${standIn()}\nTF_VAR_token=S3ntinel-leak terraform apply -auto-approve -input=false -no-color -lock=false`,
        ENDPOINTS,
      );
      expect(result.status).toBe(0);
      expect(workspaceFiles(ws)).toContain("S3ntinel-leak");
    } finally {
      ws.remove();
    }
  });
});
