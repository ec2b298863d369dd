import { Fn, Op, Token } from "cdktf";
import { Fail } from "./fail";
import { checkAtPlan } from "./plan-checks";

/** The bounds of a number a prop takes; both inclusive. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  /** Fractions allowed (Batch's Fargate vCPUs); whole numbers otherwise. */
  readonly fractional?: boolean;
  /** A value accepted beside the range, and what it means, said in the fix: `or 0 to delete at once`. */
  readonly or?: { readonly value: number; readonly meaning: string };
}

/**
 * The one number check: a literal must be finite, whole unless `fractional`, and within the range; undefined
 * passes. A Terraform reference (a number token is a huge negative literal, so it is tested before anything else)
 * is checked against the same range at plan (`checkAtPlan`).
 */
export function checkNumber(fail: Fail, prop: string, value: number | undefined, range: NumberRange = {}): void {
  if (value === undefined) return;
  const { min, max, fractional } = range;
  const bounds =
    min !== undefined && max !== undefined
      ? `from ${min} to ${max}`
      : min !== undefined
        ? `of at least ${min}`
        : max !== undefined
          ? `of at most ${max}`
          : "";
  const kind = fractional ? "number" : "whole number";
  const or = range.or === undefined ? "" : `, or ${range.or.value} ${range.or.meaning}`;
  const want = `give ${prop} as a ${kind}${bounds ? ` ${bounds}` : ""}${or}`;
  if (Token.isUnresolved(value)) {
    // The same range, checked by Terraform once the reference is known.
    checkAtPlan(fail, value, numberCondition(value, range), `${prop} is out of range`, want);
    return;
  }
  if (value === range.or?.value) return;
  if (typeof value !== "number" || !Number.isFinite(value))
    throw fail(`${prop} ${String(value)} is not a finite number`, want);
  if (!fractional && !Number.isInteger(value)) throw fail(`${prop} ${value} is not a whole number`, want);
  if ((min !== undefined && value < min) || (max !== undefined && value > max))
    throw fail(`${prop} ${value} is out of range`, want);
}

/**
 * A number as the string an API field takes (`"4"`), keeping a Terraform reference a reference: `String()` of a
 * number token is a meaningless literal.
 */
export function numberText(value: number): string {
  return Token.isUnresolved(value) ? Token.asString(value) : String(value);
}

/** Whether a number is a literal (not a Terraform reference), so comparisons between props can be made. */
export function isLiteralNumber(value: number | undefined): value is number {
  return value !== undefined && !Token.isUnresolved(value);
}

/** Two props that bound a range (`minVcpus`, `maxVcpus`): when both are literals, the low one may not be above. */
export function checkOrder(fail: Fail, [lowProp, low]: [string, number], [highProp, high]: [string, number]): void {
  if (isLiteralNumber(low) && isLiteralNumber(high) && low > high) {
    throw fail(`${lowProp} ${low} is above ${highProp} ${high}`, `make ${lowProp} at most ${highProp}`);
  }
}

/** The Terraform expression that holds when a number reference is within `range`. */
function numberCondition(value: number, { min, max, fractional, or }: NumberRange): unknown {
  // Literals on the left: cdktf 0.21 drops a right operand that is 0 (`var.x >= undefined`, which Terraform refuses).
  const terms: unknown[] = [];
  if (!fractional) terms.push(Op.eq(Fn.floor(value), value));
  if (min !== undefined) terms.push(Op.lte(min, value));
  if (max !== undefined) terms.push(Op.gte(max, value));
  const inRange = terms.length === 0 ? true : terms.reduce((all, term) => Op.and(all, term));
  return or === undefined ? inRange : Op.or(Op.eq(or.value, value), inRange);
}
