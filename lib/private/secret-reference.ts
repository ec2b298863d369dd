import { Construct } from "constructs";
import { Fn, Op, Token } from "cdktf";
import { arnRegion, checkArnRegion } from "./aws-values";
import { Fail } from "./fail";
import { checkAtPlan } from "./plan-checks";
import { SecretGrant } from "./policy-documents";
import { accountOf, partitionOf, regionOf } from "./stack-context";

/** How a secret is identified; decides the IAM resource and whether ECS can use it across accounts. */
export enum SecretReferenceKind {
  /** A complete ARN, ending in the "-" and six characters Secrets Manager appends. */
  COMPLETE_ARN = "COMPLETE_ARN",
  /** An ARN without that suffix. */
  PARTIAL_ARN = "PARTIAL_ARN",
  /** A secret name, in the provider's account and region. */
  NAME = "NAME",
}

/** A secret reference, literal or a Terraform reference, with what a literal ARN says about where it lives. */
export interface SecretReference {
  readonly kind: SecretReferenceKind;
  readonly value: string;
  /** Region parsed from a literal ARN. */
  readonly region?: string;
}

const ARN = /^arn:(aws(?:-[a-z]+)*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.*)$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
// Secrets Manager appends "-" and six characters; AWS advises against names that end like that for this reason.
const SUFFIX = /-[A-Za-z0-9]{6}$/;
const KMS_KEY_ARN = /^arn:(aws(?:-[a-z]+)*):kms:([a-z0-9-]+):\d{12}:key\/[A-Za-z0-9-]+$/;
const ARN_SHAPE = "arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<suffix>";
// The same shapes as Terraform regular expressions (RE2), for references checked at plan; written without
// backslashes, which would need escaping inside the expression's string.
const SECRET_ARN_PATTERN = "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$";
const SECRET_NAME_PATTERN = "^[A-Za-z0-9/_+=.@-]{1,512}$";
const KMS_KEY_PATTERN = "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$";

/** The Terraform expression that holds when the string reference `value` matches `pattern`. */
function matches(pattern: string, value: string): unknown {
  return Fn.can(Fn.regex(pattern, value));
}

/** True when a literal secret ARN ends the way Secrets Manager's suffix does (it may still be part of the name). */
export function endsLikeSuffix(arn: string): boolean {
  return SUFFIX.test(arn);
}

/**
 * Checks a literal secret ARN and returns its region; a Terraform reference is checked for a secret ARN's shape at
 * plan.
 */
export function checkSecretArn(fail: Fail, value: string): string | undefined {
  if (Token.isUnresolved(value)) {
    checkAtPlan(
      fail,
      value,
      matches(SECRET_ARN_PATTERN, value),
      "the reference is not a Secrets Manager secret ARN",
      `give ${ARN_SHAPE}`,
    );
    return undefined;
  }
  const arn = ARN.exec(value);
  if (!arn) {
    if (value.startsWith("arn:")) throw fail(`"${value}" is not a well-formed ARN`, `use ${ARN_SHAPE}`);
    throw fail(
      `"${value}" is not an ARN`,
      "pass the secret's complete ARN from the Secrets Manager console or `aws secretsmanager describe-secret`, or use RegistryCredentials.fromSecretName for a name",
    );
  }
  const [, partition, service, region, account, resource] = arn;
  if (service !== "secretsmanager") {
    const hint =
      service === "ssm" ? "; ECS repository credentials must live in Secrets Manager, not Parameter Store" : "";
    throw fail(
      `"${value}" is an ARN of service "${service}", not a Secrets Manager secret${hint}`,
      "pass the ARN of a Secrets Manager secret (arn:...:secretsmanager:...:secret:...)",
    );
  }
  if (!region || !account || !resource.startsWith("secret:") || !SECRET_NAME.test(resource.slice("secret:".length))) {
    throw fail(`"${value}" is not a secret ARN`, `use ${ARN_SHAPE}`);
  }
  checkArnRegion(fail, "the secret ARN", value, partition, region);
  return region;
}

/** Checks a literal secret name; a Terraform reference passes unchecked. */
export function checkSecretName(fail: Fail, value: string): void {
  if (Token.isUnresolved(value)) {
    // A name, not an ARN: Secrets Manager's characters, and no "arn:" start (RE2 has no look-ahead).
    checkAtPlan(
      fail,
      value,
      Op.and(matches(SECRET_NAME_PATTERN, value), Op.not(Fn.startswith(value, "arn:"))),
      "the reference is not a Secrets Manager secret name",
      "give 1-512 letters, digits and /_+=.@- as Secrets Manager does, or use fromSecretCompleteArn for an ARN",
    );
    return;
  }
  if (value.startsWith("arn:"))
    throw fail(
      `"${value}" is an ARN, not a name`,
      "use RegistryCredentials.fromSecretCompleteArn (or fromSecretPartialArn) for an ARN",
    );
  if (!SECRET_NAME.test(value)) {
    throw fail(
      `"${value}" is not a valid secret name`,
      "use 1-512 letters, digits and /_+=.@- as Secrets Manager does",
    );
  }
}

/**
 * Validates a customer-managed KMS key ARN; with `dataRegion`, the region of the secret or parameter it encrypts
 * (when that is a literal too), the key must be in that region: Secrets Manager and Parameter Store encrypt only
 * with keys of their own region.
 */
export function checkKmsKeyArn(fail: Fail, value: string, dataRegion?: string): void {
  if (Token.isUnresolved(value)) {
    checkAtPlan(
      fail,
      value,
      matches(KMS_KEY_PATTERN, value),
      "kmsKeyArn is not a KMS key ARN",
      "give the key ARN, arn:<partition>:kms:<region>:<account>:key/<key-id> (an alias cannot be granted kms:Decrypt)",
    );
    return;
  }
  const key = KMS_KEY_ARN.exec(value);
  if (!key) {
    const hint = /:alias\//.test(value) ? "an alias cannot be granted kms:Decrypt; " : "";
    throw fail(
      `kmsKeyArn "${value}" is not a KMS key ARN`,
      `${hint}pass the key ARN, arn:<partition>:kms:<region>:<account>:key/<key-id>`,
    );
  }
  const [, partition, region] = key;
  checkArnRegion(fail, "kmsKeyArn", value, partition, region);
  if (dataRegion !== undefined && !Token.isUnresolved(dataRegion) && dataRegion !== region) {
    throw fail(
      `kmsKeyArn is in ${region} but what it encrypts is in ${dataRegion}`,
      `give the key in ${dataRegion} that encrypts it (Secrets Manager and Parameter Store use keys of their own region)`,
    );
  }
}

/**
 * The IAM grant for a secret, resolved in `scope`'s stack. A partial ARN or a name matches the real secret through
 * `-??????` (exactly the six characters of the suffix); a name is placed in the provider's account and region. The
 * secret's region is worked out only for a customer-managed key, whose `kms:ViaService` condition names it.
 */
export function secretGrant(scope: Construct, ref: SecretReference, kmsKeyArn: string | undefined): SecretGrant {
  const kms = (region: () => string) => (kmsKeyArn === undefined ? undefined : { keyArn: kmsKeyArn, region: region() });
  const regionOfArn = () => ref.region ?? arnRegion(ref.value);
  switch (ref.kind) {
    case SecretReferenceKind.COMPLETE_ARN:
      return { secretResource: ref.value, kms: kms(regionOfArn) };
    case SecretReferenceKind.PARTIAL_ARN:
      return { secretResource: `${ref.value}-??????`, kms: kms(regionOfArn) };
    case SecretReferenceKind.NAME: {
      const region = regionOf(scope);
      const arn = `arn:${partitionOf(scope)}:secretsmanager:${region}:${accountOf(scope)}:secret:${ref.value}-??????`;
      return { secretResource: arn, kms: kms(() => region) };
    }
  }
}
