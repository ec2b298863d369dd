import { Construct } from "constructs";
import { TerraformStack } from "cdktf";

/**
 * A stable default name for an AWS resource: the construct's path below its stack, joined with "-", limited to
 * the characters AWS Batch and most services accept. Stable because construct ids are.
 */
export function defaultName(scope: Construct, maxLength: number): string {
  const stack = TerraformStack.of(scope);
  const parts = scope.node.scopes.slice(scope.node.scopes.indexOf(stack)).map((s) => s.node.id);
  const name = parts.join("-").replace(/[^A-Za-z0-9_-]/g, "-");
  return name.length <= maxLength ? name : name.slice(name.length - maxLength);
}
