import { Construct } from "constructs";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { RegistryCredentials } from "./credentials";
import { constructFail } from "./private/fail";
import { checkRegistryHost } from "./private/registry-host";
import { checkTags, checkUsername } from "./private/aws-values";
import { checkKmsKeyArn, checkSecretName } from "./private/secret-reference";
import {
  checkRecoveryWindow,
  checkSecretValue,
  checkSecretVersion,
  createWriteOnlySecret,
} from "./private/write-only-secret";
import { checkInput } from "./private/boundary";
import { attachPlanChecks } from "./private/plan-checks";

/** Props of `RegistrySecret`. */
export interface RegistrySecretProps {
  /** Registry host the credentials are for: `docker.io`, `quay.io`, `ghcr.io`, `registry.example.com:5000`. */
  readonly registry: string;
  /** Registry user name. Not secret: it is stored in the synthesized configuration. */
  readonly username: string;
  /**
   * Password or access token. Must be a Terraform reference, normally `new EphemeralVariable(...).value`: it is
   * sent to AWS through the write-only `secret_string_wo` argument and never stored in plan or state. A literal
   * string is refused because it would be written into `cdk.tf.json`.
   */
  readonly password: string;
  /**
   * Bump to send a new password: Terraform cannot see write-only values, so only a changed version triggers an
   * update.
   * @default 1
   */
  readonly passwordVersion?: number;
  /**
   * The secret's name.
   * @default - Terraform generates a unique name
   */
  readonly name?: string;
  /**
   * The secret's description.
   * @default - "Private registry credentials for <registry>"
   */
  readonly description?: string;
  /**
   * ARN of a customer-managed KMS key to encrypt the secret with; readers get `kms:Decrypt` through Secrets Manager.
   * @default - the AWS-managed key `aws/secretsmanager`
   */
  readonly kmsKeyArn?: string;
  /**
   * Days a deleted secret can be restored; 0 deletes at once.
   * @default 30
   */
  readonly recoveryWindowInDays?: number;
  /**
   * Tags of the secret.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A Secrets Manager secret holding registry credentials as `{"username", "password", "registry"}` JSON (ECS reads
 * the first two and ignores the rest). The value is written through a write-only argument, so the password never
 * lands in plan or state.
 */
export class RegistrySecret extends Construct {
  /** The `aws_secretsmanager_secret`. */
  public readonly secret: SecretsmanagerSecret;
  /** The `aws_secretsmanager_secret_version` that carries the write-only value. */
  public readonly version: SecretsmanagerSecretVersion;
  /** Credentials to pass to `ContainerImage.fromRegistry` and the Batch constructs. */
  public readonly credentials: RegistryCredentials;

  constructor(scope: Construct, id: string, props: RegistrySecretProps) {
    super(scope, id);
    const fail = constructFail(this, "RegistrySecret");
    checkInput(fail, "props", props, "RegistrySecretProps");
    checkSecretValue(this, fail, "password", props.password);
    checkRegistryHost(fail, "registry", props.registry);
    checkUsername(fail, "username", props.username);
    if (props.name !== undefined) checkSecretName(fail, props.name);
    checkTags(fail, props.tags);
    const version = props.passwordVersion ?? 1;
    checkSecretVersion(fail, "passwordVersion", version);
    if (props.recoveryWindowInDays !== undefined) checkRecoveryWindow(fail, props.recoveryWindowInDays);
    if (props.kmsKeyArn !== undefined) checkKmsKeyArn(fail, props.kmsKeyArn);

    const created = createWriteOnlySecret(this, {
      name: props.name,
      description: props.description ?? `Private registry credentials for ${props.registry}`,
      kmsKeyArn: props.kmsKeyArn,
      recoveryWindowInDays: props.recoveryWindowInDays,
      tags: props.tags,
      value: { username: props.username, password: props.password, registry: props.registry },
      version,
    });
    this.secret = created.secret;
    this.version = created.version;
    this.credentials = RegistryCredentials.fromSecretCompleteArn(created.completeArn, {
      kmsKeyArn: props.kmsKeyArn,
      registry: props.registry,
    });
    attachPlanChecks(fail, this.secret);
  }
}
