import { Construct } from "constructs";
import { Lazy } from "cdktf";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { IRole } from "../role";
import { jsonDocument } from "./json-document";
import { SecretGrant, secretReadPolicy } from "./policy-documents";

const ID = "PrivateRegistrySecretRead";

/**
 * The single inline policy through which a role reads registry secrets. It lives under the role, collects grants
 * from every construct that binds credentials, and renders once at synth, so grants never repeat.
 */
export class SecretReadPolicy extends Construct {
  /** The policy of `role`, created on first use. */
  public static of(role: IRole): SecretReadPolicy {
    return (role.node.tryFindChild(ID) as SecretReadPolicy | undefined) ?? new SecretReadPolicy(role);
  }

  /** The `aws_iam_role_policy` resource. */
  public readonly resource: IamRolePolicy;
  private readonly grants = new Map<string, SecretGrant>();

  private constructor(role: IRole) {
    super(role, ID);
    this.resource = new IamRolePolicy(this, "Policy", {
      name: "private-registry-secret-read",
      role: role.name,
      policy: Lazy.stringValue({ produce: () => jsonDocument(secretReadPolicy([...this.grants.values()])) }),
    });
  }

  /**
   * Adds a grant under `key` (the same secret and key are one grant). `grant` is called only for a new key:
   * resolving may create data sources, and the construct tree must not grow during synthesis.
   */
  public add(key: string, grant: (scope: Construct) => SecretGrant): IamRolePolicy {
    if (!this.grants.has(key)) this.grants.set(key, grant(this));
    return this.resource;
  }
}
