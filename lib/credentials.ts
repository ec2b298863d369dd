import { Annotations, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { IRole } from "./role";
import { Fail, failFor, failForCall } from "./private/fail";
import { authKeyForHost, checkRegistryHost } from "./private/registry-host";
import { SecretGrant, secretReadPolicy } from "./private/policy-documents";
import { RolePolicy, RolePolicyKind } from "./private/role-policy";
import {
  checkKmsKeyArn,
  checkSecretArn,
  checkSecretName,
  endsLikeSuffix,
  secretGrant,
  SecretReference,
  SecretReferenceKind,
} from "./private/secret-reference";
import { checkInput } from "./private/boundary";
import { attachPlanChecks } from "./private/plan-checks";

/** The inline policy through which a role reads registry secrets (its id keeps existing Terraform addresses). */
const SECRET_READ: RolePolicyKind<SecretGrant> = {
  id: "PrivateRegistrySecretRead",
  name: "private-registry-secret-read",
  render: secretReadPolicy,
};

/** Options of every `RegistryCredentials` factory. */
export interface RegistryCredentialsOptions {
  /**
   * ARN of the customer-managed KMS key that encrypts the secret; readers get `kms:Decrypt` on it through
   * Secrets Manager only.
   * @default - the secret uses the AWS-managed key `aws/secretsmanager`, which needs no grant
   */
  readonly kmsKeyArn?: string;
  /**
   * Registry host these credentials are for (`quay.io`, `registry.example.com:5000`, `docker.io`). Needed where
   * credentials are installed per registry (a Batch compute environment), and catches an image bound to the wrong
   * secret.
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
   * Credentials in an existing secret, by its complete ARN (ending in the "-" and six characters Secrets Manager
   * appends). This is what ECS needs to read a secret from another account. A Terraform reference is trusted to be
   * a complete ARN.
   * @param secretArn the complete ARN
   */
  public static fromSecretCompleteArn(
    secretArn: string,
    options: RegistryCredentialsOptions = {},
  ): RegistryCredentials {
    const fail = failForCall("RegistryCredentials.fromSecretCompleteArn", secretArn);
    checkInput(fail, "secretArn", secretArn, "string");
    checkInput(fail, "options", options, "RegistryCredentialsOptions", true);
    const region = checkSecretArn(fail, secretArn);
    if (region !== undefined && !endsLikeSuffix(secretArn)) {
      throw fail(
        "the ARN does not end in the 6-character suffix Secrets Manager appends",
        "copy the complete ARN from `aws secretsmanager describe-secret`, or use RegistryCredentials.fromSecretPartialArn",
      );
    }
    return RegistryCredentials.create(
      fail,
      { kind: SecretReferenceKind.COMPLETE_ARN, value: secretArn, region },
      options,
    );
  }

  /**
   * Credentials in an existing secret, by an ARN without the 6-character suffix. The grant is `<arn>-??????`, which
   * matches exactly that secret. ECS cannot use a partial ARN across accounts, so binding one warns at synth.
   * @param secretArn the ARN without its suffix
   */
  public static fromSecretPartialArn(secretArn: string, options: RegistryCredentialsOptions = {}): RegistryCredentials {
    const fail = failForCall("RegistryCredentials.fromSecretPartialArn", secretArn);
    checkInput(fail, "secretArn", secretArn, "string");
    checkInput(fail, "options", options, "RegistryCredentialsOptions", true);
    const region = checkSecretArn(fail, secretArn);
    return RegistryCredentials.create(
      fail,
      { kind: SecretReferenceKind.PARTIAL_ARN, value: secretArn, region },
      options,
    );
  }

  /**
   * Credentials in an existing secret of the provider's account and region, by name (literal or a Terraform
   * reference). The grant is `arn:...:secret:<name>-??????`; binding warns at synth, as for a partial ARN.
   * @param secretName the secret's name
   */
  public static fromSecretName(secretName: string, options: RegistryCredentialsOptions = {}): RegistryCredentials {
    const fail = failForCall("RegistryCredentials.fromSecretName", secretName);
    checkInput(fail, "secretName", secretName, "string");
    checkInput(fail, "options", options, "RegistryCredentialsOptions", true);
    checkSecretName(fail, secretName);
    return RegistryCredentials.create(fail, { kind: SecretReferenceKind.NAME, value: secretName }, options);
  }

  /**
   * Credentials in an existing secret, by ARN or name, guessing which it is: a literal ARN ending in "-" and six
   * letters or digits is taken for a complete ARN, another ARN for a partial one, anything else for a name, and a
   * Terraform reference for a complete ARN. A secret whose own name ends like a suffix (`team/app-config`) is
   * guessed wrong, so every literal taken for a complete ARN warns at synth: prefer `fromSecretCompleteArn`,
   * `fromSecretPartialArn` or `fromSecretName`, which say what they are given.
   * @param secretArn an ARN or a name
   */
  public static fromSecretArn(secretArn: string, options: RegistryCredentialsOptions = {}): RegistryCredentials {
    const fail = failForCall("RegistryCredentials.fromSecretArn", secretArn);
    checkInput(fail, "secretArn", secretArn, "string");
    checkInput(fail, "options", options, "RegistryCredentialsOptions", true);
    if (!Token.isUnresolved(secretArn) && !secretArn.startsWith("arn:")) {
      checkSecretName(fail, secretArn);
      return RegistryCredentials.create(fail, { kind: SecretReferenceKind.NAME, value: secretArn }, options);
    }
    const region = checkSecretArn(fail, secretArn);
    const complete = region === undefined || endsLikeSuffix(secretArn);
    const kind = complete ? SecretReferenceKind.COMPLETE_ARN : SecretReferenceKind.PARTIAL_ARN;
    const ambiguity =
      region !== undefined && complete
        ? `RegistryCredentials.fromSecretArn took "${secretArn}" for a complete ARN because it ends like Secrets Manager's 6-character suffix; if those characters are part of the secret's name, IAM will deny the real secret. Use fromSecretCompleteArn to say it is complete (and silence this), or fromSecretPartialArn`
        : undefined;
    return RegistryCredentials.create(fail, { kind, value: secretArn, region }, options, ambiguity);
  }

  private static create(
    fail: Fail,
    ref: SecretReference,
    options: RegistryCredentialsOptions,
    ambiguity?: string,
  ): RegistryCredentials {
    if (options.kmsKeyArn !== undefined) checkKmsKeyArn(fail, options.kmsKeyArn, ref.region);
    if (options.registry !== undefined) checkRegistryHost(fail, "registry", options.registry);
    const partial =
      ref.kind !== SecretReferenceKind.COMPLETE_ARN
        ? `registry credentials "${ref.value}" are not a complete secret ARN: IAM is granted "<arn>-??????", which works in this account, but ECS and Batch need the complete ARN (with its 6-character suffix) to read a secret from another account. Pass the complete ARN to avoid ResourceInitializationError ... AccessDeniedException at run time`
        : undefined;
    return new RegistryCredentials(ref, options.kmsKeyArn, options.registry, ambiguity ?? partial, fail);
  }

  /** The secret ARN (or name) as given; this is what `repositoryCredentials.credentialsParameter` receives. */
  public readonly secretArn: string;

  private constructor(
    private readonly reference: SecretReference,
    /** The customer-managed key that encrypts the secret, if any. */
    public readonly kmsKeyArn: string | undefined,
    /** The registry host these credentials are for, if declared. */
    public readonly registry: string | undefined,
    private readonly warning: string | undefined,
    /** The factory's error builder: what it could not check at synth waits on it for the grant's policy. */
    private readonly fail: Fail,
  ) {
    this.secretArn = reference.value;
  }

  /**
   * Grants `role` read on the secret (and decrypt on its customer-managed key through Secrets Manager). Grants to
   * one role from any number of credentials accumulate in one inline policy with no repeated statements.
   * @returns the role's inline policy, for `dependsOn`
   */
  public grantRead(role: IRole): IamRolePolicy {
    checkInput(failFor("RegistryCredentials.grantRead"), "role", role, "IRole");
    return this._bind(role, role);
  }

  /**
   * @internal Grants `role` read and warns once on `scope` (the construct that uses the credentials) when the
   * reference may fail at run time.
   */
  public _bind(scope: IConstruct, role: IRole): IamRolePolicy {
    const key = `${this.reference.kind}|${this.reference.value}|${this.kmsKeyArn ?? ""}`;
    const policy = RolePolicy.grant(role, SECRET_READ, key, (s: Construct) =>
      secretGrant(s, this.reference, this.kmsKeyArn),
    );
    const warning = this.warning;
    if (warning && !scope.node.metadata.some((m) => m.data === warning)) Annotations.of(scope).addWarning(warning);
    // The policy is what a malformed ARN breaks first, so a reference's plan checks go there.
    attachPlanChecks(this.fail, policy);
    return policy;
  }

  /** @internal the ECS agent's lookup key for the declared registry, or undefined when none was declared. */
  public get _authKey(): string | undefined {
    return this.registry === undefined ? undefined : authKeyForHost(this.registry);
  }
}
