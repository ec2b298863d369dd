import { Fn, Token } from "cdktf";

/**
 * A JSON document as a Terraform string argument. Plain JSON when every value is literal; otherwise
 * `jsonencode(...)`, because a JSON string with references pasted inside is still valid cdk.tf.json but turns into
 * invalid HCL under `cdktf synth --hcl`, which reviewers read.
 */
export function jsonDocument(value: unknown): string {
  const json = JSON.stringify(value);
  return Token.isUnresolved(json) ? Fn.jsonencode(escapeLiterals(value)) : json;
}

/**
 * cdktf writes the strings of a `jsonencode(...)` argument into the expression between quotes as they are, so a
 * quote, backslash or newline in a value would end or break the string, and `%{` would start a template directive.
 * Escaping them first makes every literal reach `jsonencode` unchanged. Token markers hold none of these.
 */
function escapeLiterals(value: unknown): unknown {
  if (typeof value === "string") return escapeString(value);
  if (Array.isArray(value)) return value.map(escapeLiterals);
  // Only plain objects are documents; anything else (a token object such as a variable's value) stays as it is.
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeString(k), escapeLiterals(v)]));
  }
  return value;
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\"": "\\\"", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeString(text: string): string {
  return text.replace(/[\\"\n\r\t]/g, (c) => ESCAPES[c]).replace(/%\{/g, () => "%%{");
}
