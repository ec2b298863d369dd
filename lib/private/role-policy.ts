import { Construct } from "constructs";
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
 * An inline policy of one kind on one role. It lives under the role and collects grants from every construct that
 * binds to that role, so grants never repeat however many containers share them. The document is rendered again
 * with each new grant rather than lazily at synth: a lazy document's tokens would record the deep stack of cdktf's
 * resolver, which costs more than rendering a small document a few times.
 */
export class RolePolicy<G> extends Construct {
  /**
   * Adds a grant under `key` to the role's policy of `kind`, creating the policy on first use; equal keys are one
   * grant. `grant` is called only for a new key. Returns the `aws_iam_role_policy` resource.
   */
  public static grant<G>(
    role: IRole,
    kind: RolePolicyKind<G>,
    key: string,
    grant: (scope: Construct) => G,
  ): IamRolePolicy {
    const policy = (role.node.tryFindChild(kind.id) as RolePolicy<G> | undefined) ?? new RolePolicy(role, kind);
    if (!policy.grants.has(key)) {
      policy.grants.set(key, grant(policy));
      const document = jsonDocument(kind.render([...policy.grants.values()]));
      // Made with its first document, so no policy without a grant can reach the synthesized file.
      if (policy.resource === undefined)
        policy.resource = new IamRolePolicy(policy, "Policy", { name: kind.name, role: role.name, policy: document });
      else policy.resource.policy = document;
    }
    return policy.resource!;
  }

  private resource?: IamRolePolicy;
  private readonly grants = new Map<string, G>();

  private constructor(role: IRole, kind: RolePolicyKind<G>) {
    super(role, kind.id);
  }
}
