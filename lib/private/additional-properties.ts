import { Fail } from "./fail";

/**
 * Members the user adds to a rendered document through `additionalProperties`, after the typed ones; a member a
 * prop already set is refused, so each member has one way to be set.
 */
export function withAdditional(
  fail: Fail,
  label: string,
  document: Record<string, unknown>,
  additional: { [member: string]: unknown } | undefined,
): Record<string, unknown> {
  if (additional === undefined) return document;
  const taken = Object.keys(additional).filter((member) => member in document);
  if (taken.length > 0) {
    throw fail(
      `${label}additionalProperties sets ${taken.join(", ")}, which the props already set`,
      "set them through their props only; additionalProperties is for members this library has no prop for",
    );
  }
  return { ...document, ...additional };
}
