import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { InstanceRegistryAuth, RegistryCredentials } from "../../lib";
import { MIME_BOUNDARY } from "../../lib/private/user-data";
import { plannedResources as planned } from "../support/plan";
import { withWorkspace } from "../support/terraform";
import { cloudInitMerge, parseMime, QUAY, runBootScript } from "../support/user-data";

// A user-data part whose content is a Terraform reference is known only at apply, when nothing can look for our MIME
// boundary in it. Real Terraform plans one holding the boundary; cloud-init's own parser reads the result.
// A valid shell script whose here-document holds the boundary's closing line at the start of a line.
const HOSTILE = `#!/bin/sh\ncat >/etc/motd <<'EOF'\n--${MIME_BOUNDARY}--\nEOF\n`;

describe("a user-data part from a Terraform variable that holds our MIME boundary", () => {
  let userData: string;
  let auth: InstanceRegistryAuth;
  beforeAll(() => {
    const stack = new TerraformStack(new App(), "user-data-parts");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const part = new TerraformVariable(stack, "part", { type: "string" });
    auth = new InstanceRegistryAuth(stack, "Auth", {
      registryCredentials: [RegistryCredentials.fromSecretCompleteArn(QUAY, { registry: "quay.io" })],
      userDataParts: [{ contentType: "text/x-shellscript", content: part.stringValue }],
    });
    new LaunchTemplate(stack, "Template", { userData: auth.userDataBase64 });
    withWorkspace(stack, (ws) => {
      ws.init();
      const { json, diagnostics } = ws.plan({ part: HOSTILE });
      expect(diagnostics).toEqual([]);
      userData = Buffer.from(planned(json, "aws_launch_template")[0].values.user_data, "base64").toString("utf8");
    });
  });

  test("the part travels base64-encoded and decodes to exactly the variable's value", () => {
    const { parts } = parseMime(userData);
    expect(parts.map((p) => [p.contentType, p.headers["Content-Transfer-Encoding"]])).toEqual([
      ["text/x-shellscript", "base64"],
      ["text/cloud-config", undefined],
    ]);
    expect(Buffer.from(parts[0].payload, "base64").toString("utf8")).toBe(HOSTILE);
  });

  test("cloud-init still reads our part: the boot script is installed, runs and writes the credentials", () => {
    const merged = cloudInitMerge(userData);
    expect(merged.write_files.map((f: any) => f.path)).toEqual(["/usr/local/sbin/ecs-registry-auth"]);
    const run = runBootScript(merged.write_files[0].content, {
      region: "eu-west-1",
      secrets: { [QUAY]: JSON.stringify({ username: "quay-robot", password: "quay-pw" }) },
    });
    expect(run.stderr).toContain("wrote credentials for 1 registry (quay.io)");
    expect(run.status).toBe(0);
  });

  test("control: pasted as it is, the same value ends the document early and cloud-init never sees our part", () => {
    const pasted = userData.replace(/Content-Transfer-Encoding: base64\n\n[A-Za-z0-9+/=]+\n/, `\n${HOSTILE}`);
    expect(pasted).not.toBe(userData);
    expect(parseMime(pasted).parts.map((p) => p.contentType)).toEqual(["text/x-shellscript"]);
    expect(cloudInitMerge(pasted)?.write_files ?? []).toEqual([]);
  });
});
