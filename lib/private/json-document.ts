import { Fn, Token } from "cdktf";
import { literalArgument, literalForExpression } from "./terraform-expression";

/**
 * A JSON document as a Terraform string argument. Plain JSON when every value is literal; otherwise
 * `jsonencode(...)`, because a JSON string with references pasted inside is still valid cdk.tf.json but turns into
 * invalid HCL under `cdktf synth --hcl`, which reviewers read.
 */
export function jsonDocument(value: unknown): string {
  return containsReference(value) ? Fn.jsonencode(escapeLiterals(value)) : literalArgument(JSON.stringify(value));
}

/** Whether any value, key or nested value is a Terraform reference (a token string, number, list or object). */
function containsReference(value: unknown): boolean {
  if (Token.isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some(containsReference);
  if (isPlainObject(value))
    return Object.entries(value).some(([k, v]) => Token.isUnresolved(k) || containsReference(v));
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

/** Every literal string of the document, keys too, escaped for a function argument. */
function escapeLiterals(value: unknown): unknown {
  if (typeof value === "string") return literalForExpression(value);
  if (Array.isArray(value)) return value.map(escapeLiterals);
  // Only plain objects are documents; anything else (a token object such as a variable's value) stays as it is.
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [literalForExpression(k), escapeLiterals(v)]));
  }
  return value;
}
