import { Construct } from "constructs";
import type { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { IRole } from "../role";
import { ContainerReadGrant, containerReadPolicy } from "./policy-documents";
import { RolePolicy, RolePolicyKind } from "./role-policy";

/** The execution role's inline policy for container secrets, parameters and environment files. */
const CONTAINER_READ: RolePolicyKind<ContainerReadGrant> = {
  id: "ContainerRead",
  name: "container-read",
  render: containerReadPolicy,
};

/** Grants `role` what `grant` (resolved in the policy's scope) says, once per resource and action. */
export function grantContainerRead(
  role: IRole,
  key: string,
  grant: (scope: Construct) => ContainerReadGrant,
): IamRolePolicy {
  return RolePolicy.grant(role, CONTAINER_READ, key, grant);
}
