import { Token } from "cdktf";
import { configError } from "./errors";

/** How a secret was identified; decides the IAM resource and whether ECS can use it across accounts. */
export enum SecretReferenceKind {
  /** A complete ARN, ending in the 6-character suffix Secrets Manager appends. */
  COMPLETE_ARN = "COMPLETE_ARN",
  /** An ARN without the suffix. */
  PARTIAL_ARN = "PARTIAL_ARN",
  /** A bare secret name. */
  NAME = "NAME",
  /** A Terraform reference resolved at apply time; trusted to be a complete ARN. */
  TOKEN = "TOKEN",
}

export interface SecretReference {
  readonly kind: SecretReferenceKind;
  readonly value: string;
  /** Region, partition and account parsed from a literal ARN. */
  readonly partition?: string;
  readonly region?: string;
  readonly account?: string;
}

const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.*)$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
// Secrets Manager appends "-" and six characters; AWS advises against names that end like that for this reason.
const SUFFIX = /-[A-Za-z0-9]{6}$/;
const KMS_KEY_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*):kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/** Classifies a secret ARN or name, or throws naming the caller (`who`) and the fix. */
export function parseSecretReference(who: string, value: string): SecretReference {
  if (Token.isUnresolved(value)) return { kind: SecretReferenceKind.TOKEN, value };
  const arn = ARN.exec(value);
  if (!arn) {
    if (value.startsWith("arn:")) {
      throw configError(who, `"${value}" is not a well-formed ARN`, "use arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<suffix>");
    }
    if (!SECRET_NAME.test(value)) {
      throw configError(who, `"${value}" is neither a secret ARN nor a valid secret name`, "pass the secret's complete ARN from the Secrets Manager console or `aws secretsmanager describe-secret`");
    }
    return { kind: SecretReferenceKind.NAME, value };
  }
  const [, partition, service, region, account, resource] = arn;
  if (service !== "secretsmanager") {
    const hint = service === "ssm" ? "; ECS repository credentials must live in Secrets Manager, not Parameter Store" : "";
    throw configError(who, `"${value}" is an ARN of service "${service}", not a Secrets Manager secret${hint}`, "pass the ARN of a Secrets Manager secret (arn:...:secretsmanager:...:secret:...)");
  }
  if (!region || !account || !resource.startsWith("secret:") || !SECRET_NAME.test(resource.slice("secret:".length))) {
    throw configError(who, `"${value}" is not a secret ARN`, "use arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<suffix>");
  }
  const kind = SUFFIX.test(resource) ? SecretReferenceKind.COMPLETE_ARN : SecretReferenceKind.PARTIAL_ARN;
  return { kind, value, partition, region, account };
}

/** Validates a customer-managed KMS key ARN, or throws naming the caller and the fix. */
export function checkKmsKeyArn(who: string, value: string): void {
  if (Token.isUnresolved(value) || KMS_KEY_ARN.test(value)) return;
  const hint = /:alias\//.test(value) ? "an alias cannot be granted kms:Decrypt; " : "";
  throw configError(who, `kmsKeyArn "${value}" is not a KMS key ARN`, `${hint}pass the key ARN, arn:<partition>:kms:<region>:<account>:key/<key-id>`);
}
