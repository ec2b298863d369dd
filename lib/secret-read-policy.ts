import { Construct } from "constructs";
import { Lazy } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DataAwsIamRole } from "@cdktf/provider-aws/lib/data-aws-iam-role";
import { SecretGrant, secretReadPolicy } from "./private/policy-documents";
import type { RegistryCredentials } from "./credentials";

/** A role this library can grant to: one it manages, or an existing one looked up with `DataAwsIamRole`. */
export type RoleLike = IamRole | DataAwsIamRole;

const ID = "PrivateRegistrySecretRead";

/**
 * The single inline policy through which a role reads registry secrets. It lives under the role, collects
 * credentials from every construct that binds them, and renders once at synth, so grants never repeat.
 */
export class SecretReadPolicy extends Construct {
  /** The policy of `role`, created on first use. */
  public static of(role: RoleLike): SecretReadPolicy {
    return (role.node.tryFindChild(ID) as SecretReadPolicy | undefined) ?? new SecretReadPolicy(role);
  }

  /** The `aws_iam_role_policy` resource. */
  public readonly resource: IamRolePolicy;
  // Grants are resolved when added, not while rendering: resolving may create data sources, and the construct tree
  // must not grow during synthesis.
  private readonly grants = new Map<string, SecretGrant>();

  private constructor(role: RoleLike) {
    super(role, ID);
    this.resource = new IamRolePolicy(this, "Policy", {
      name: "private-registry-secret-read",
      role: role.name,
      policy: Lazy.stringValue({
        produce: () => JSON.stringify(secretReadPolicy([...this.grants.values()])),
      }),
    });
  }

  /** Adds credentials to the policy; adding the same secret and key again changes nothing. */
  public add(credentials: RegistryCredentials): void {
    if (!this.grants.has(credentials._key)) this.grants.set(credentials._key, credentials._grant(this));
  }
}
