import { IConstruct } from "constructs";
import { TerraformStack, Token } from "cdktf";
import { Fail } from "./fail";

const NAME_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/**
 * A stable default name for an AWS resource: the construct's path below its stack, joined with "-", limited to
 * the characters AWS Batch and ECS accept. Stable because construct ids are.
 */
export function defaultName(scope: IConstruct, maxLength: number): string {
  const stack = TerraformStack.of(scope);
  const parts = scope.node.scopes.slice(scope.node.scopes.indexOf(stack)).map((s) => s.node.id);
  const name = parts.join("-").replace(/[^A-Za-z0-9_-]/g, "-");
  return name.length <= maxLength ? name : name.slice(name.length - maxLength);
}

/**
 * The one name rule of ECS families and container names and of Batch job definitions, queues and compute
 * environments: 1 to `maxLength` letters, digits, '-' or '_'. Terraform references pass unchecked.
 */
export function checkName(fail: Fail, prop: string, value: string, maxLength: number): void {
  if (Token.isUnresolved(value)) return;
  if (value.length < 1 || value.length > maxLength || !NAME_CHARACTERS.test(value)) {
    throw fail(`${prop} "${value}" is invalid`, `use 1-${maxLength} letters, digits, '-' or '_'`);
  }
}
