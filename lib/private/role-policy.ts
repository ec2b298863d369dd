import { Construct } from "constructs";
import { Lazy } from "cdktf";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { IRole } from "../role";
import { jsonDocument } from "./json-document";
import { PolicyDocument } from "./policy-documents";

/** What one kind of accumulating policy is: its construct id under the role, its IAM name and its renderer. */
export interface RolePolicyKind<G> {
  readonly id: string;
  readonly name: string;
  readonly render: (grants: G[]) => PolicyDocument;
}

/**
 * An inline policy of one kind on one role. It lives under the role, collects grants from every construct that
 * binds to that role, and renders once at synth, so grants never repeat however many containers share them.
 */
export class RolePolicy<G> extends Construct {
  /** The role's policy of `kind`, created on first use. */
  public static of<G>(role: IRole, kind: RolePolicyKind<G>): RolePolicy<G> {
    return (role.node.tryFindChild(kind.id) as RolePolicy<G> | undefined) ?? new RolePolicy(role, kind);
  }

  /** The `aws_iam_role_policy` resource. */
  public readonly resource: IamRolePolicy;
  private readonly grants = new Map<string, G>();

  private constructor(role: IRole, kind: RolePolicyKind<G>) {
    super(role, kind.id);
    this.resource = new IamRolePolicy(this, "Policy", {
      name: kind.name,
      role: role.name,
      policy: Lazy.stringValue({ produce: () => jsonDocument(kind.render([...this.grants.values()])) }),
    });
  }

  /**
   * Adds a grant under `key` (equal keys are one grant). `grant` is called only for a new key: resolving may create
   * data sources, and the construct tree must not grow during synthesis.
   */
  public add(key: string, grant: (scope: Construct) => G): IamRolePolicy {
    if (!this.grants.has(key)) this.grants.set(key, grant(this));
    return this.resource;
  }
}
