import { Testing, TerraformVariable } from "cdktf";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { EphemeralVariable, RegistrySecret } from "../../lib";
import { KEY_ARN, synthObject, testStack } from "../support/stacks";

describe("RegistrySecret", () => {
  test("writes the JSON value through the write-only argument, from an ephemeral sensitive variable", () => {
    const stack = testStack();
    const password = new EphemeralVariable(stack, "quay_password");
    const secret = new RegistrySecret(stack, "Quay", {
      registry: "quay.io",
      username: "robot+ci",
      password: password.value,
      kmsKeyArn: KEY_ARN,
      name: "registry/quay",
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(SecretsmanagerSecret, {
      name: "registry/quay",
      kms_key_id: KEY_ARN,
      recovery_window_in_days: 30,
    });
    expect(synth).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
      secret_id: "${aws_secretsmanager_secret.Quay_Secret_A82EEA6E.id}",
      secret_string_wo:
        '${jsonencode({"username" = "robot+ci", "password" = var.quay_password, "registry" = "quay.io"})}',
      secret_string_wo_version: 1,
    });
    const version = Object.values(synthObject(stack).resource.aws_secretsmanager_secret_version)[0] as object;
    expect(version).not.toHaveProperty("secret_string");
    expect(synthObject(stack).variable.quay_password).toEqual({
      type: "string",
      sensitive: true,
      ephemeral: true,
      nullable: false,
    });
    expect(secret.credentials.kmsKeyArn).toBe(KEY_ARN);
    expect(secret.credentials.registry).toBe("quay.io");
  });

  test("passwordVersion is what makes Terraform send a new password", () => {
    const stack = testStack();
    const password = new EphemeralVariable(stack, "p");
    new RegistrySecret(stack, "S", {
      registry: "ghcr.io",
      username: "u",
      password: password.value,
      passwordVersion: 3,
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
      secret_string_wo_version: 3,
    });
  });

  test("refuses a literal password, which would land in cdk.tf.json", () => {
    const stack = testStack();
    expect(() => new RegistrySecret(stack, "S", { registry: "docker.io", username: "u", password: "hunter2" })).toThrow(
      /^RegistrySecret test\/S: password is a literal string.*Fix: pass a Terraform reference such as new EphemeralVariable/,
    );
    expect(Testing.synth(stack)).not.toContain("hunter2");
  });

  test.each([
    [{ registry: "https://quay.io" }, /registry "https:\/\/quay.io" is not a registry host/],
    [
      { passwordVersion: 0 },
      /passwordVersion 0 is out of range\. Fix: give passwordVersion as a whole number of at least 1/,
    ],
    [
      { recoveryWindowInDays: 3 },
      /recoveryWindowInDays 3 is out of range\. Fix: give recoveryWindowInDays as a whole number from 7 to 30, or 0 to delete at once/,
    ],
    [{ kmsKeyArn: "alias/aws/secretsmanager" }, /is not a KMS key ARN/],
  ])("rejects %j", (override, message) => {
    const stack = testStack();
    const password = new TerraformVariable(stack, "p", { sensitive: true });
    expect(
      () =>
        new RegistrySecret(stack, "S", {
          registry: "docker.io",
          username: "u",
          password: password.stringValue,
          ...override,
        }),
    ).toThrow(message);
  });
});
