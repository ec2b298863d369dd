import { Fn, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { authKeyForHost, isRegistryHost } from "./image-reference";
import { configError } from "./private/errors";
import { accountOf, partitionOf, regionOf } from "./private/stack-context";
import { SecretGrant } from "./private/policy-documents";
import { checkKmsKeyArn, parseSecretReference, SecretReference, SecretReferenceKind } from "./private/secret-reference";
import { bindCredentials } from "./private/bind-credentials";
import type { RoleLike } from "./secret-read-policy";

export interface RegistryCredentialsOptions {
  /**
   * ARN of the customer-managed KMS key that encrypts the secret; readers get `kms:Decrypt` on it through
   * Secrets Manager only.
   * @default - the secret uses the AWS-managed key `aws/secretsmanager`, which needs no grant
   */
  readonly kmsKeyArn?: string;
  /**
   * Registry host these credentials are for (`quay.io`, `registry.example.com:5000`, `docker.io`). Used where
   * credentials are installed per registry (the ECS agent route) and to catch an image bound to the wrong secret.
   * @default - taken from the image the credentials are used with
   */
  readonly registry?: string;
}

/**
 * Credentials for a private registry, held in a Secrets Manager secret whose value is JSON
 * `{"username": "...", "password": "..."}`.
 */
export class RegistryCredentials {
  /**
   * Credentials in an existing secret. Pass the complete ARN (with its 6-character suffix); a partial ARN or bare
   * name still yields a working same-account policy (`<arn>-??????`) but ECS cannot use it across accounts, so
   * binding it produces a synth warning.
   */
  public static fromSecretArn(secretArn: string, options: RegistryCredentialsOptions = {}): RegistryCredentials {
    const who = `RegistryCredentials.fromSecretArn(${JSON.stringify(secretArn)})`;
    const reference = parseSecretReference(who, secretArn);
    if (options.kmsKeyArn !== undefined) checkKmsKeyArn(who, options.kmsKeyArn);
    if (options.registry !== undefined && !Token.isUnresolved(options.registry) && !isRegistryHost(options.registry)) {
      throw configError(who, `registry "${options.registry}" is not a registry host`, "pass a host with an optional port, e.g. quay.io or registry.example.com:5000, without scheme or path");
    }
    return new RegistryCredentials(reference, options.kmsKeyArn, options.registry);
  }

  private constructor(
    private readonly reference: SecretReference,
    /** The customer-managed key that encrypts the secret, if any. */
    public readonly kmsKeyArn: string | undefined,
    /** The registry host these credentials are for, if declared. */
    public readonly registry: string | undefined,
  ) {}

  /** The secret ARN (or name) as given; this is what `repositoryCredentials.credentialsParameter` receives. */
  public get secretArn(): string {
    return this.reference.value;
  }

  /** The ECS agent's lookup key for the declared registry, or undefined when no registry was declared. */
  public get registryAuthKey(): string | undefined {
    return this.registry === undefined || Token.isUnresolved(this.registry) ? this.registry : authKeyForHost(this.registry);
  }

  /**
   * Why this secret reference may fail at run time, or undefined when it is a complete ARN. Constructs that bind
   * the credentials attach this as a synth warning on themselves.
   */
  public get warning(): string | undefined {
    switch (this.reference.kind) {
      case SecretReferenceKind.PARTIAL_ARN:
      case SecretReferenceKind.NAME:
        return `registry credentials "${this.secretArn}" are not a complete secret ARN: IAM is granted "<arn>-??????", which works in this account, but ECS and Batch need the complete ARN (with its 6-character suffix) to read a secret from another account. Pass the complete ARN to avoid ResourceInitializationError ... AccessDeniedException at run time`;
      default:
        return undefined;
    }
  }

  /**
   * Grants `role` read on the secret (and decrypt on its customer-managed key through Secrets Manager). Grants to
   * one role from any number of credentials accumulate in one inline policy with no repeated statements.
   */
  public grantRead(role: RoleLike): void {
    bindCredentials(role, role, this);
  }

  /** @internal the IAM grant, resolved against the stack `scope` belongs to. */
  public _grant(scope: IConstruct): SecretGrant {
    const ref = this.reference;
    const construct = scope as Construct;
    switch (ref.kind) {
      case SecretReferenceKind.COMPLETE_ARN:
        return { secretResource: ref.value, kmsKeyArn: this.kmsKeyArn, region: ref.region! };
      case SecretReferenceKind.PARTIAL_ARN:
        return { secretResource: `${ref.value}-??????`, kmsKeyArn: this.kmsKeyArn, region: ref.region! };
      case SecretReferenceKind.NAME: {
        const region = regionOf(construct);
        const arn = `arn:${partitionOf(construct)}:secretsmanager:${region}:${accountOf(construct)}:secret:${ref.value}-??????`;
        return { secretResource: arn, kmsKeyArn: this.kmsKeyArn, region };
      }
      case SecretReferenceKind.TOKEN:
        return { secretResource: ref.value, kmsKeyArn: this.kmsKeyArn, region: Fn.element(Fn.split(":", ref.value), 3) };
    }
  }

  /** @internal identity for de-duplication: the same secret and key are one grant. */
  public get _key(): string {
    return `${this.reference.value}|${this.kmsKeyArn ?? ""}`;
  }
}
