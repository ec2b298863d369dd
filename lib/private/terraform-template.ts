/**
 * Escapes Terraform template syntax (`${`, `%{`) in literal text, leaving cdktf's own token markers alone so they
 * still resolve to references. Needed wherever literal text such as a shell script lands in cdk.tf.json, whose
 * strings Terraform reads as templates.
 */
export function escapeTemplate(text: string): string {
  // Replacement functions, not strings: in a replacement string "$$" would collapse to "$".
  return text.replace(/\$\{(?!TfToken\[)/g, () => "$${").replace(/%\{/g, () => "%%{");
}
