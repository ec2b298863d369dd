import { EphemeralVariable } from "../../lib";
import { synthObject, testStack } from "../support/stacks";

describe("EphemeralVariable", () => {
  test("is a sensitive, non-nullable string variable marked ephemeral", () => {
    const stack = testStack();
    new EphemeralVariable(stack, "token", { description: "Registry token" });
    expect(synthObject(stack).variable.token).toEqual({
      type: "string",
      sensitive: true,
      nullable: false,
      ephemeral: true,
      description: "Registry token",
    });
  });
});
