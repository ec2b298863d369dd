import { TerraformVariable } from "cdktf";
import { failFor } from "../../lib/private/fail";
import { checkEnum } from "../../lib/private/enums";
import { UPSTREAMS } from "../../lib/private/upstreams";
import { UpstreamRegistry } from "../../lib";
import { testStack } from "../support/stacks";

enum Colour {
  RED = "red",
  BLUE = "blue",
}
const fail = failFor("Thing x");
const check = (value: unknown, options?: { required?: boolean; literal?: boolean }) => () =>
  checkEnum(fail, "colour", value as Colour, Colour, "Colour", options);

describe("checkEnum, the one enum check", () => {
  test("a member passes; undefined passes unless required", () => {
    expect(check(Colour.RED)).not.toThrow();
    expect(check(undefined)).not.toThrow();
    expect(check(undefined, { required: true })).toThrow(
      "Thing x: colour is missing. Fix: give one of Colour.RED, Colour.BLUE.",
    );
  });

  test("what a JavaScript caller may send instead is refused, quoted as given", () => {
    expect(check("RED")).toThrow('Thing x: colour "RED" is not a Colour. Fix: give one of Colour.RED, Colour.BLUE.');
    expect(check(3)).toThrow("Thing x: colour 3 is not a Colour.");
    expect(check(null)).toThrow("Thing x: colour null is not a Colour.");
  });

  test("a Terraform reference passes, unless the value decides what is created", () => {
    const reference = new TerraformVariable(testStack(), "colour", { type: "string" }).stringValue;
    expect(check(reference)).not.toThrow();
    expect(check(reference, { literal: true })).toThrow(
      "Thing x: colour is a Terraform reference, but it decides what is created at synth. Fix: give one of Colour.RED, Colour.BLUE.",
    );
  });
});

describe("the upstream table", () => {
  test("has exactly one row per UpstreamRegistry (its type makes a missing row a compile error)", () => {
    expect(Object.keys(UPSTREAMS).sort()).toEqual(Object.values(UpstreamRegistry).sort());
  });
});
