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
const reads = new WeakMap<IRole, ("partition" | "account")[]>();

function createExecutionRole(scope: Construct, id: string, sourceAccountCondition: boolean): IamRole {
  const used: ("partition" | "account")[] = ["partition"];
  if (sourceAccountCondition) used.push("account");
  const role = new IamRole(scope, id, {
    namePrefix: "exec-",
    description: literalArgument(`Execution role of ${scope.node.path}`),
    assumeRolePolicy: jsonDocument(
      assumeRolePolicy("ecs-tasks.amazonaws.com", sourceAccountCondition ? accountOf(scope) : undefined),
    ),
  });
  new IamRolePolicyAttachment(role, MANAGED_POLICY, {
    role: role.name,
    policyArn: `arn:${partitionOf(scope)}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
  });
  reads.set(role, used);
  return role;
}

/** Removes a role `createExecutionRole` made, and gives back its reads (else an unused partition, an STS call). */
function removeCreatedRole(scope: Construct, role: IRole): void {
  scope.node.tryRemoveChild(role.node.id);
  for (const source of reads.get(role) ?? []) releaseUse(scope, source);
}

/**
 * A Batch job's execution role. Fargate pulls and logs with it, and a given one is used as given, so those are there
 * from the start. On EC2 the instance's ECS agent pulls public and ECR images and writes the logs with the instance
 * role, so the role is created for the first container that is granted something (a grant adds a policy under the
 * role) and kept from then on; until then `role` is undefined and the stack holds no role.
 */
export class JobExecutionRole {
  private current?: IRole;

  constructor(
    private readonly scope: Construct,
    private readonly fail: Fail,
    private readonly props: ExecutionRoleProps,
    fargate: boolean,
  ) {
    if (fargate || props.executionRole !== undefined) this.current = executionRoleFor(scope, fail, props);
  }

  /** The role, if there is one yet. */
  public get role(): IRole | undefined {
    return this.current;
  }

  /** Runs `bind` with the role, created for it if there is none yet and kept only if `bind` granted it something. */
  public bind<T>(bind: (role: IRole) => T): T {
    if (this.current !== undefined) return bind(this.current);
    const role = executionRoleFor(this.scope, this.fail, this.props);
    let result: T;
    try {
      result = bind(role);
    } catch (e) {
      // A container refused after the role was made: the next one starts over, with no stray role left behind.
      removeCreatedRole(this.scope, role);
      throw e;
    }
    if (role.node.children.some((child) => child.node.id !== MANAGED_POLICY)) this.current = role;
    else removeCreatedRole(this.scope, role);
    return result;
  }
}
