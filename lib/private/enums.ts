import { Fn, Token } from "cdktf";
import { Fail } from "./fail";
import { checkAtPlan } from "./plan-checks";

/**
 * The one enum check: a literal must be one of the enum's values. TypeScript's types hold this for TypeScript
 * callers only; JavaScript callers and other jsii languages (which may send any string) reach it at run time.
 * Undefined passes unless the prop is `required`; a Terraform reference passes unless the value must be `literal`
 * (it decides what the construct creates).
 */
export function checkEnum<T extends string>(
  fail: Fail,
  prop: string,
  value: T | undefined,
  values: Record<string, T>,
  enumName: string,
  { required = false, literal = false }: { required?: boolean; literal?: boolean } = {},
): void {
  const choices = Object.keys(values)
    .map((k) => `${enumName}.${k}`)
    .join(", ");
  if (value === undefined) {
    if (required) throw fail(`${prop} is missing`, `give one of ${choices}`);
    return;
  }
  if (typeof value === "string" && Token.isUnresolved(value)) {
    if (literal)
      throw fail(`${prop} is a Terraform reference, but it decides what is created at synth`, `give one of ${choices}`);
    checkAtPlan(
      fail,
      value,
      Fn.contains(Object.values(values), value),
      `${prop} is not ${article(enumName)} ${enumName}`,
      `give one of ${choices}`,
    );
    return;
  }
  const allowed: unknown[] = Object.values(values);
  if (!allowed.includes(value)) {
    const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
    throw fail(`${prop} ${shown} is not ${article(enumName)} ${enumName}`, `give one of ${choices}`);
  }
}

const article = (name: string) => (/^[AEIOUaeiou]/.test(name) ? "an" : "a");
