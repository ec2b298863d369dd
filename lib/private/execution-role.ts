import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { jsonDocument } from "./json-document";
import { assumeRolePolicy } from "./policy-documents";
import { Fail } from "./fail";
import { IRole } from "../role";
import { accountOf, partitionOf, releaseUse } from "./stack-context";
import { literalArgument } from "./terraform-expression";

/** What a task or job definition was given about its execution role. */
export interface ExecutionRoleProps {
  readonly executionRole?: IRole;
  readonly sourceAccountCondition?: boolean;
}

/**
 * The given execution role, or a new one: trusted by `ecs-tasks.amazonaws.com` (only on behalf of this account
 * with `sourceAccountCondition`) with AWS's `AmazonECSTaskExecutionRolePolicy` (ECR pull, CloudWatch Logs).
 */
export function executionRoleFor(scope: Construct, fail: Fail, props: ExecutionRoleProps): IRole {
  if (props.executionRole === undefined)
    return createExecutionRole(scope, "ExecutionRole", props.sourceAccountCondition === true);
  if (props.sourceAccountCondition === true) {
    throw fail(
      "sourceAccountCondition applies to the execution role this construct creates, and an executionRole was given",
      "drop sourceAccountCondition and put the aws:SourceAccount condition in that role's own trust policy, or drop executionRole",
    );
  }
  return props.executionRole;
}

const MANAGED_POLICY = "ManagedPolicy";

/** The stack's data sources each created role reads, given back if the role is removed. */
const reads = new WeakMap<IRole, (typeof partitionOf | typeof accountOf)[]>();

function createExecutionRole(scope: Construct, id: string, sourceAccountCondition: boolean): IamRole {
  const sourceAccount = sourceAccountCondition ? accountOf(scope) : undefined;
  const role = new IamRole(scope, id, {
    namePrefix: "exec-",
    description: literalArgument(`Execution role of ${scope.node.path}`),
    assumeRolePolicy: jsonDocument(assumeRolePolicy("ecs-tasks.amazonaws.com", sourceAccount)),
  });
  new IamRolePolicyAttachment(role, MANAGED_POLICY, {
    role: role.name,
    policyArn: `arn:${partitionOf(scope)}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
  });
  reads.set(role, sourceAccountCondition ? [partitionOf, accountOf] : [partitionOf]);
  return role;
}

/**
 * The execution role `executionRoleFor` created, if anything was granted to it (a grant adds a policy under the
 * role); otherwise the role, with its managed-policy attachment, is removed from `scope` and undefined returned.
 */
export function grantedOrRemoved(scope: Construct, role: IRole | undefined): IRole | undefined {
  if (role === undefined || role.node.children.some((child) => child.node.id !== MANAGED_POLICY)) return role;
  scope.node.tryRemoveChild(role.node.id);
  // Without this, the stack kept the role's data sources: an unused partition, and an STS call at plan.
  for (const of of reads.get(role) ?? []) releaseUse(scope, of);
  return undefined;
}
