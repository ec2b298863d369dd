import { Construct } from "constructs";
import { TerraformVariable } from "cdktf";
import { failFor } from "../../lib/private/fail";
import { checkName, defaultName } from "../../lib/private/names";
import { testStack } from "../support/stacks";

describe("defaultName", () => {
  test("joins the path below the stack with '-', keeps AWS's characters, and keeps the end when too long", () => {
    const stack = testStack();
    const leaf = new Construct(new Construct(stack, "Web App"), "Task.v2");
    expect(defaultName(leaf, 255)).toBe("test-Web-App-Task-v2");
    expect(defaultName(leaf, 10)).toBe("pp-Task-v2");
    expect(defaultName(leaf, 10)).toHaveLength(10);
  });
});

describe("checkName, the one name rule", () => {
  const fail = failFor("Thing x");
  test.each(["a", "app_1-prod", "x".repeat(255)])("%s passes", (name) => {
    expect(() => checkName(fail, "family", name, 255)).not.toThrow();
  });
  test.each([
    ["", 255],
    ["a b", 255],
    ["a.b", 255],
    ["é", 255],
    ["x".repeat(129), 128],
  ])("%p (max %p) is refused with the rule", (name, max) => {
    expect(() => checkName(fail, "family", name as string, max as number)).toThrow(
      `Thing x: family ${JSON.stringify(name)} is invalid. Fix: use 1-${max} letters, digits, '-' or '_'.`,
    );
  });
  test("a Terraform reference passes", () => {
    const reference = new TerraformVariable(testStack(), "family", { type: "string" }).stringValue;
    expect(() => checkName(fail, "family", reference, 255)).not.toThrow();
  });
});
