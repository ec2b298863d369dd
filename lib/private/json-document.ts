import { Fn, Token } from "cdktf";
import { literalForExpression } from "./terraform-expression";

/**
 * A JSON document as a Terraform string argument. Plain JSON when every value is literal; otherwise
 * `jsonencode(...)`, because a JSON string with references pasted inside is still valid cdk.tf.json but turns into
 * invalid HCL under `cdktf synth --hcl`, which reviewers read.
 */
export function jsonDocument(value: unknown): string {
  const json = JSON.stringify(value);
  return Token.isUnresolved(json) ? Fn.jsonencode(escapeLiterals(value)) : json;
}

/** Every literal string of the document, keys too, escaped for a function argument. */
function escapeLiterals(value: unknown): unknown {
  if (typeof value === "string") return literalForExpression(value);
  if (Array.isArray(value)) return value.map(escapeLiterals);
  // Only plain objects are documents; anything else (a token object such as a variable's value) stays as it is.
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [literalForExpression(k), escapeLiterals(v)]));
  }
  return value;
}
