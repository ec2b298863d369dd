import { Construct } from "constructs";
import { Token } from "cdktf";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Fail } from "./fail";
import { checkNumber } from "./numbers";
import { jsonDocument } from "./json-document";
import { literalArgument } from "./terraform-expression";

/** A secret whose JSON value is sent through the write-only `secret_string_wo`, never stored in plan or state. */
export interface WriteOnlySecretSpec {
  readonly name?: string;
  /** A unique name starting with this, where a fixed name would clash with a deleted secret still in recovery. */
  readonly namePrefix?: string;
  readonly description: string;
  readonly kmsKeyArn?: string;
  readonly recoveryWindowInDays?: number;
  readonly tags?: { [key: string]: string };
  /** The JSON value; its secret part must be a Terraform reference (checked by `checkSecretValue`). */
  readonly value: { [key: string]: string };
  /** Bumped to send a new value, which Terraform cannot see. */
  readonly version: number;
}

/** Refuses a literal secret value: it would be written into cdk.tf.json. */
export function checkSecretValue(fail: Fail, prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  throw fail(
    `${prop} is a literal string, which would be written into the synthesized cdk.tf.json`,
    `pass a Terraform reference such as new EphemeralVariable(this, "RegistryToken").value`,
  );
}

/** The counter whose change sends a new write-only value. */
export function checkSecretVersion(fail: Fail, prop: string, version: number): void {
  checkNumber(fail, prop, version, { min: 1 });
}

/** Days a deleted secret can be restored, as Secrets Manager takes them. */
export function checkRecoveryWindow(fail: Fail, window: number): void {
  if (window !== 0)
    checkNumber(fail, "recoveryWindowInDays", window, { min: 7, max: 30, or: "or 0 to delete at once" });
}

/** The `Secret` and `Value` resources under `scope` (ids that keep Terraform addresses stable). */
export function createWriteOnlySecret(
  scope: Construct,
  spec: WriteOnlySecretSpec,
): { secret: SecretsmanagerSecret; version: SecretsmanagerSecretVersion; completeArn: string } {
  const secret = new SecretsmanagerSecret(scope, "Secret", {
    name: spec.name,
    namePrefix: spec.namePrefix,
    description: literalArgument(spec.description),
    kmsKeyId: spec.kmsKeyArn,
    recoveryWindowInDays: spec.recoveryWindowInDays ?? 30,
    tags: spec.tags,
  });
  const version = new SecretsmanagerSecretVersion(scope, "Value", {
    secretId: secret.id,
    secretStringWo: jsonDocument(spec.value),
    secretStringWoVersion: spec.version,
  });
  // What consumers reference: the version's `secret_id`, the secret's complete ARN. Through the version, consumers
  // wait for the value; and unlike the version's `arn`, it stays known when a new passwordVersion replaces the
  // version, so a rotation replaces the version alone (the deploy test proves it), not every task definition,
  // policy and compute environment that uses the secret.
  return { secret, version, completeArn: version.secretId };
}
