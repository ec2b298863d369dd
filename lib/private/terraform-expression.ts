/**
 * Prepares literal text to be an argument of a Terraform function call built with cdktf's `Fn` (`jsonencode`,
 * `base64encode`). cdktf writes such arguments between quotes as they are, escaping only newlines; a quote or
 * backslash would end or break the string, and `${` or `%{` would start a template, in cdk.tf.json and in
 * `cdktf synth --hcl` alike. Escaping those first makes the text reach the function unchanged. Token markers hold
 * none of these characters, so text mixed with references is safe too.
 */
export function literalForExpression(text: string): string {
  return (
    text
      .replace(/[\\"\r\t]/g, (c) => ESCAPES[c])
      .replace(/%\{/g, () => "%%{")
      // A literal `${` becomes the HCL escape \u0024{ rather than cdktf's `$${`, which cdktf warns about at every synth
      // (printing the whole argument) when it meets one inside a function call.
      .replace(/\$\{(?!TfToken\[)/g, () => "\\u0024{")
  );
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\r": "\\r", "\t": "\\t" };

/**
 * Literal text as a plain string argument of a resource. Terraform reads every string of cdk.tf.json as a template,
 * so a user's `${HOME}` would be a reference and `%{ if }` a directive; doubled (`$${`, `%%{`), Terraform keeps them
 * as written. Token markers are left alone: they are the references cdktf fills in.
 */
export function literalArgument(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, () => "$${").replace(/%\{/g, () => "%%{");
}
