import { IConstruct } from "constructs";
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from "cdktf";
import { Fail } from "./fail";
import { literalArgument } from "./terraform-expression";
import { variableNamed } from "./variables";

// A value that is a Terraform reference cannot be checked at synth, but Terraform can check it at plan, once it is
// known: each check a literal would get at synth becomes a `validation` of the variable the value comes from, with
// the message the literal would have got. Terraform evaluates it before planning any resource.
//
// Decided: a variable's validation, not a resource's `lifecycle.precondition`. cdktf 0.21's HCL renderer writes a
// precondition as an argument (`precondition = [...]`), which Terraform refuses, so `synth --hcl` would break;
// a validation it writes as a block. A value computed from anything but one variable (a resource's attribute, a
// local) is left to AWS: Terraform knows a resource's only at apply, and ours (a created secret's ARN) are right by
// construction.
//
// The checks wait, per error builder, until the construct (or the grant, for a factory's value) attaches them: the
// builder has no scope, and the variable is found in the stack the value is used in.

/** A condition Terraform evaluates at plan, and the error it prints when the condition is false. */
interface PlanCheck {
  /** The reference checked. */
  readonly value: unknown;
  readonly condition: unknown;
  readonly message: string;
}

const pending = new WeakMap<Fail, PlanCheck[]>();

/** Checks `condition` (a Terraform expression of `value`) at plan, with `fail(problem, fix)`'s message. */
export function checkAtPlan(fail: Fail, value: unknown, condition: unknown, problem: string, fix: string): void {
  const checks = pending.get(fail) ?? [];
  checks.push({ value, condition, message: fail(problem, fix).message });
  pending.set(fail, checks);
}

/** Attaches the checks waiting on `fail` to the variables, in `scope`'s stack, their values come from; once each. */
export function attachPlanChecks(fail: Fail, scope: IConstruct): void {
  const checks = pending.get(fail);
  if (checks === undefined) return;
  pending.delete(fail);
  const stack = TerraformStack.of(scope);
  const resolver = new DefaultTokenResolver(new StringConcat());
  for (const check of checks) {
    const expression = JSON.stringify(Tokenization.resolve(check.value, { scope: stack, preparing: false, resolver }));
    // The value is that variable's, or a function of it and literals: then the variable is where it can be checked.
    const objects = [
      ...expression.replace(/\\"(?:[^"\\]|\\[^"])*\\"/g, "").matchAll(/\b([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/g),
    ];
    const names = new Set(objects.map((m) => (m[1] === "var" ? m[2] : undefined)));
    const [name] = names;
    if (names.size !== 1 || name === undefined) continue;
    const variable = variableNamed(stack, name);
    variable?.addValidation({
      condition: check.condition,
      errorMessage: literalArgument(check.message),
    });
  }
}
