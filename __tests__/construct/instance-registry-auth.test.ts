import { Testing } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { TerraformVariable } from "cdktf";
import { InstanceRegistryAuth, batch } from "../../lib";
import { decodeDocument } from "../support/documents";
import { HUB_ARN, hub, KEY_ARN, network, quay, resourcesOf, SECRET_ARN, testStack } from "../support/stacks";

describe("InstanceRegistryAuth", () => {
  test("on a launch template of your own: the user data, IMDSv2 only, and read on exactly the secrets for the role", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    const auth = new InstanceRegistryAuth(stack, "Auth", { registryCredentials: [hub(), quay()] });
    new LaunchTemplate(stack, "Template", { userData: auth.userDataBase64, metadataOptions: auth.metadataOptions });
    auth.grantRead(role);
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
      user_data: expect.stringMatching(/^\$\{base64encode\("MIME-Version: 1\.0\\n[^]*"\)\}$/),
    });
    const [policy] = resourcesOf(stack, "aws_iam_role_policy");
    expect(resourcesOf(stack, "aws_iam_role_policy")).toHaveLength(1);
    expect(decodeDocument(policy.policy).Statement[0].Resource).toEqual([HUB_ARN, SECRET_ARN]);
    expect(decodeDocument(policy.policy).Statement[1]).toMatchObject({ Action: "kms:Decrypt", Resource: KEY_ARN });
    // It creates nothing itself: the stack holds only what the test made and the grant.
    expect(Object.keys(JSON.parse(synth).resource).sort()).toEqual([
      "aws_iam_role",
      "aws_iam_role_policy",
      "aws_launch_template",
    ]);
  });

  test("grants from several constructs to one role accumulate in its one secret-read policy", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    new InstanceRegistryAuth(stack, "A", { registryCredentials: [hub()] }).grantRead(role);
    new InstanceRegistryAuth(stack, "B", { registryCredentials: [quay(), hub()] }).grantRead(role);
    const policies = resourcesOf(stack, "aws_iam_role_policy");
    expect(policies).toHaveLength(1);
    expect(decodeDocument(policies[0].policy).Statement[0].Resource).toEqual([HUB_ARN, SECRET_ARN]);
  });

  test("is the path batch.ComputeEnvironment takes: the same credentials render the same user data", () => {
    const stack = testStack();
    const auth = new InstanceRegistryAuth(stack, "Auth", {
      registryCredentials: [hub(), quay()],
      refreshCredentialsMinutes: 60,
    });
    const ce = new batch.ComputeEnvironment(stack, "CE", {
      registryCredentials: [hub(), quay()],
      ...network,
      refreshCredentialsMinutes: 60,
    });
    expect(ce.userData).toBe(auth.userData);
  });

  test("clusterName as a reference travels base64-encoded by Terraform, never pasted into the YAML", () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, "cluster", { type: "string" }).stringValue;
    const auth = new InstanceRegistryAuth(stack, "Auth", { registryCredentials: [quay()], clusterName: name });
    new LaunchTemplate(stack, "Template", { userData: auth.userDataBase64 });
    // cdktf warns on the console when a reference sits inside a string literal of a function: none may here.
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const userData = resourcesOf(stack, "aws_launch_template")[0].user_data as string;
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(userData).toContain(
      'encoding: b64\\n    content: ${base64encode(format("ECS_CLUSTER=%s\\nECS_AWSVPC_BLOCK_IMDS=true\\n", var.cluster))}',
    );
    expect(userData).not.toMatch(/content: "?ECS_CLUSTER=\$\{var\.cluster\}/);
  });

  test("a user-data part that is a reference travels base64-encoded by Terraform, with no console warning", () => {
    const stack = testStack();
    const script = new TerraformVariable(stack, "script", { type: "string" }).stringValue;
    const auth = new InstanceRegistryAuth(stack, "Auth", {
      registryCredentials: [quay()],
      userDataParts: [{ contentType: "text/x-shellscript", content: script }],
    });
    new LaunchTemplate(stack, "Template", { userData: auth.userDataBase64 });
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const userData = resourcesOf(stack, "aws_launch_template")[0].user_data as string;
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(userData).toContain("Content-Transfer-Encoding: base64\\n\\n${base64encode(var.script)}\\n");
  });

  test.each([
    [{ registryCredentials: [] }, "registryCredentials is empty. Fix: pass at least one RegistryCredentials."],
    [
      { registryCredentials: [quay()], clusterName: "my cluster" },
      "clusterName \"my cluster\" is not an ECS cluster name. Fix: use 1-255 letters, digits, '-' or '_'.",
    ],
    [{ registryCredentials: [quay()], clusterName: "x".repeat(256) }, "is not an ECS cluster name"],
    [{ registryCredentials: [quay()], refreshCredentialsMinutes: 2 }, "refreshCredentialsMinutes 2 is out of range"],
  ])("refuses %j at synth, naming itself", (props, message) => {
    expect(() => new InstanceRegistryAuth(testStack(), "Auth", props)).toThrow(/^InstanceRegistryAuth test\/Auth: /);
    expect(() => new InstanceRegistryAuth(testStack(), "Auth", props)).toThrow(message);
  });
});
