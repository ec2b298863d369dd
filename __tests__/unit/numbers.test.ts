import { TerraformVariable } from "cdktf";
import { failFor } from "../../lib/private/fail";
import { checkNumber, checkOrder, isLiteralNumber, numberText } from "../../lib/private/numbers";
import { attachPlanChecks } from "../../lib/private/plan-checks";
import { synthObject, testStack } from "../support/stacks";

const fail = failFor("Thing x");
const message = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return "accepted";
};

describe("checkNumber, the one number check", () => {
  test.each([
    [5, {}, "accepted"],
    [undefined, { min: 1 }, "accepted"],
    [0, { min: 1, max: 10 }, "Thing x: n 0 is out of range. Fix: give n as a whole number from 1 to 10."],
    [11, { min: 1, max: 10 }, "Thing x: n 11 is out of range. Fix: give n as a whole number from 1 to 10."],
    [2.5, { min: 1 }, "Thing x: n 2.5 is not a whole number. Fix: give n as a whole number of at least 1."],
    [0.25, { min: 0.25, max: 16, fractional: true }, "accepted"],
    [Infinity, { max: 10 }, "Thing x: n Infinity is not a finite number. Fix: give n as a whole number of at most 10."],
    [NaN, {}, "Thing x: n NaN is not a finite number. Fix: give n as a whole number."],
    [
      -1,
      { min: 7, max: 30, or: { value: 0, meaning: "to delete at once" } },
      "Thing x: n -1 is out of range. Fix: give n as a whole number from 7 to 30, or 0 to delete at once.",
    ],
    [0, { min: 7, max: 30, or: { value: 0, meaning: "to delete at once" } }, "accepted"],
  ])("%p within %p: %s", (value, range, expected) => {
    expect(message(() => checkNumber(fail, "n", value as number | undefined, range))).toBe(expected);
  });

  test("a string from a JavaScript caller is refused by name, not compared as a number", () => {
    expect(message(() => checkNumber(fail, "n", "8" as unknown as number, { min: 1 }))).toBe(
      "Thing x: n 8 is not a finite number. Fix: give n as a whole number of at least 1.",
    );
  });

  test("a number variable passes every check (its token is a huge negative literal), and keeps its reference", () => {
    const value = new TerraformVariable(testStack(), "n", { type: "number" }).numberValue;
    expect(value).toBeLessThan(-1e200);
    expect(message(() => checkNumber(fail, "n", value, { min: 1, max: 10 }))).toBe("accepted");
    expect(isLiteralNumber(value)).toBe(false);
    expect(numberText(value)).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(numberText(4)).toBe("4");
  });

  test.each([
    [{ min: 0, max: 255 }, "${(((floor(var.n) == var.n) && (0 <= var.n)) && (255 >= var.n))}"],
    [{ min: 0.25, fractional: true }, "${(0.25 <= var.n)}"],
    [
      { min: 7, max: 30, or: { value: 0, meaning: "to delete at once" } },
      "${((0 == var.n) || (((floor(var.n) == var.n) && (7 <= var.n)) && (30 >= var.n)))}",
    ],
  ])("a variable within %p is checked at plan by %s (a bound of 0 kept, not dropped)", (range, condition) => {
    const stack = testStack();
    const ownFail = failFor("Thing x");
    checkNumber(ownFail, "n", new TerraformVariable(stack, "n", { type: "number" }).numberValue, range);
    attachPlanChecks(ownFail, stack);
    expect(synthObject(stack).variable.n.validation).toEqual([{ condition, error_message: expect.any(String) }]);
  });

  test("checkOrder compares two literals only", () => {
    const variable = new TerraformVariable(testStack(), "n", { type: "number" }).numberValue;
    expect(message(() => checkOrder(fail, ["minVcpus", 8], ["maxVcpus", 4]))).toBe(
      "Thing x: minVcpus 8 is above maxVcpus 4. Fix: make minVcpus at most maxVcpus.",
    );
    expect(message(() => checkOrder(fail, ["minVcpus", 4], ["maxVcpus", 4]))).toBe("accepted");
    expect(message(() => checkOrder(fail, ["minVcpus", 8], ["maxVcpus", variable]))).toBe("accepted");
    expect(message(() => checkOrder(fail, ["minVcpus", variable], ["maxVcpus", 4]))).toBe("accepted");
  });
});
