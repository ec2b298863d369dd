import { Construct } from "constructs";
import { Annotations, DefaultTokenResolver, StringConcat, TerraformStack, Token, Tokenization } from "cdktf";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Fail } from "./fail";
import { checkNumber } from "./numbers";
import { jsonDocument } from "./json-document";
import { variableNamed } from "./variables";
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

/**
 * Refuses a literal secret value: it would be written into the synthesized cdk.tf.json. A reference passes, with a
 * synth warning on `scope` when what it refers to is stored after all (`storedAt`).
 */
export function checkSecretValue(scope: Construct, fail: Fail, prop: string, value: string): void {
  if (!Token.isUnresolved(value)) {
    throw fail(
      `${prop} is a literal string, which would be written into the synthesized cdk.tf.json`,
      `pass a Terraform reference such as new EphemeralVariable(this, "RegistryToken").value`,
    );
  }
  const stored = storedAt(scope, value);
  if (stored !== undefined) {
    Annotations.of(scope).addWarning(
      fail(
        `${prop} ${stored}`,
        `pass the value of an EphemeralVariable (ephemeral = true), which Terraform stores nowhere`,
      ).message,
    );
  }
}

/**
 * Where a secret reference's value is kept although the secret is written write-only: a variable that is not
 * ephemeral (sensitive or not) is saved into plan files; a local's expression, and the literals of a function
 * applied to literals only, are written into cdk.tf.json; a data source, resource or module is kept in state.
 * Undefined for ephemeral variables and ephemeral resources, which Terraform stores nowhere.
 */
function storedAt(scope: Construct, value: string): string | undefined {
  const stack = TerraformStack.of(scope);
  const expression = String(
    Tokenization.resolve(value, {
      scope: stack,
      preparing: false,
      resolver: new DefaultTokenResolver(new StringConcat()),
    }),
  );
  for (const [, name] of expression.matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)) {
    const variable = variableNamed(stack, name);
    const config = variable?.toTerraform().variable?.[name];
    if (config?.ephemeral !== true) {
      return `comes from variable "${name}", which is not ephemeral: Terraform writes its value into saved plan files, sensitive or not`;
    }
  }
  if (/\blocal\./.test(expression)) return "comes from a local value, whose expression is written into cdk.tf.json";
  // Without its string literals, the objects the expression names: a data source's result, a resource's attribute or
  // a module's output is kept in state; an expression that names none is functions of literals alone.
  const objects = [
    ...expression.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/\b([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/g),
  ];
  if (objects.length === 0) return "is computed from literal values only, which are written into cdk.tf.json";
  const kept = objects.find(([, first]) => first !== "var" && first !== "ephemeral");
  if (kept !== undefined) return `comes from ${kept[0]}, whose values Terraform keeps in state`;
  return undefined;
}

/** The counter whose change sends a new write-only value. */
export function checkSecretVersion(fail: Fail, prop: string, version: number): void {
  checkNumber(fail, prop, version, { min: 1 });
}

/** Days a deleted secret can be restored, as Secrets Manager takes them. */
export function checkRecoveryWindow(fail: Fail, window: number): void {
  // Secrets Manager's DeleteSecret: RecoveryWindowInDays 7-30, or ForceDeleteWithoutRecovery (the provider's 0).
  checkNumber(fail, "recoveryWindowInDays", window, {
    min: 7,
    max: 30,
    or: { value: 0, meaning: "to delete at once" },
  });
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
