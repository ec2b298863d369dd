import { TerraformStack, TerraformVariable } from "cdktf";

// Variables by their Terraform name, per stack: looking one up by walking the whole construct tree for every
// secret or check made a thousand secrets cost seconds (the benchmark found it). Rebuilt when a name is missing,
// since variables may be added after the last lookup.
const byStack = new WeakMap<TerraformStack, Map<string, TerraformVariable>>();

/** The variable of `stack` that Terraform names `var.<name>`, if any. */
export function variableNamed(stack: TerraformStack, name: string): TerraformVariable | undefined {
  let variables = byStack.get(stack);
  if (variables === undefined || !variables.has(name)) {
    variables = new Map();
    for (const c of stack.node.findAll()) if (c instanceof TerraformVariable) variables.set(c.friendlyUniqueId, c);
    byStack.set(stack, variables);
  }
  return variables.get(name);
}
