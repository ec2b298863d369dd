import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { jsonDocument } from "./json-document";
import { assumeRolePolicy } from "./policy-documents";
import { partitionOf } from "./stack-context";

/**
 * The role ECS (also on behalf of Batch) uses to pull images and write logs: trusted by `ecs-tasks.amazonaws.com`
 * with AWS's `AmazonECSTaskExecutionRolePolicy` (ECR pull, CloudWatch Logs).
 */
export function createExecutionRole(scope: Construct, id: string): IamRole {
  const role = new IamRole(scope, id, {
    namePrefix: "exec-",
    description: `Execution role of ${scope.node.path}`,
    assumeRolePolicy: jsonDocument(assumeRolePolicy("ecs-tasks.amazonaws.com")),
  });
  new IamRolePolicyAttachment(role, "ManagedPolicy", {
    role: role.name,
    policyArn: `arn:${partitionOf(scope)}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
  });
  return role;
}
