import { Fn, Lazy, TerraformLocal, TerraformStack, TerraformVariable } from "cdktf";
import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import { EphemeralVariable, PullThroughCache, RegistrySecret, UpstreamRegistry } from "../../lib";
import { testStack } from "../support/stacks";

// A password that is a Terraform reference is sent write-only, but what the reference names may still store it.
const warningsOf = (stack: TerraformStack, password: (stack: TerraformStack) => string) => {
  const secret = new RegistrySecret(stack, "S", { registry: "quay.io", username: "robot", password: password(stack) });
  return secret.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string);
};
const FIX = "Fix: pass the value of an EphemeralVariable (ephemeral = true), which Terraform stores nowhere.";

describe("a password source that stores the password is warned at synth", () => {
  test.each([
    ["an EphemeralVariable", (s: TerraformStack) => new EphemeralVariable(s, "pw").value],
    [
      "an EphemeralVariable inside a function",
      (s: TerraformStack) => Fn.trimspace(new EphemeralVariable(s, "pw").value),
    ],
  ])("%s: no warning", (_, password) => {
    expect(warningsOf(testStack(), password)).toEqual([]);
  });

  test.each([
    [
      "a plain variable",
      (s: TerraformStack) => new TerraformVariable(s, "pw", { type: "string" }).stringValue,
      'password comes from variable "pw", which is not ephemeral: Terraform writes its value into saved plan files, sensitive or not',
    ],
    [
      "a merely sensitive variable",
      (s: TerraformStack) => new TerraformVariable(s, "pw", { type: "string", sensitive: true }).stringValue,
      'password comes from variable "pw", which is not ephemeral',
    ],
    [
      "a local",
      (s: TerraformStack) => new TerraformLocal(s, "pw", "hunter2").asString,
      "password comes from a local value, whose expression is written into cdk.tf.json",
    ],
    [
      "a function of a literal",
      () => Fn.base64decode("aHVudGVyMg=="),
      "password is computed from literal values only, which are written into cdk.tf.json",
    ],
    [
      "a lazy literal",
      () => Lazy.stringValue({ produce: () => "hunter2" }),
      "password is computed from literal values only",
    ],
    [
      "a data source",
      (s: TerraformStack) => new DataAwsSecretsmanagerSecretVersion(s, "v", { secretId: "x" }).secretString,
      "password comes from data.aws_secretsmanager_secret_version, whose values Terraform keeps in state",
    ],
  ])("%s: warned, naming where it is stored and the fix", (_, password, problem) => {
    const [warning, ...more] = warningsOf(testStack(), password);
    expect(more).toEqual([]);
    expect(warning).toMatch(new RegExp(`^RegistrySecret test/S: ${problem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    expect(warning.endsWith(FIX)).toBe(true);
  });

  test("a cache upstream's access token gets the same warning", () => {
    const stack = testStack();
    const cache = new PullThroughCache(stack, "Cache", {
      upstreams: [
        {
          registry: UpstreamRegistry.GITHUB,
          username: "robot",
          accessToken: new TerraformVariable(stack, "t", { type: "string" }).stringValue,
        },
      ],
    });
    const warnings = cache.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([
      `PullThroughCache test/Cache: upstreams[0] accessToken comes from variable "t", which is not ephemeral: Terraform writes its value into saved plan files, sensitive or not. ${FIX}`,
    ]);
  });
});
