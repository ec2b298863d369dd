import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { RolePolicy, RolePolicyKind } from "../../lib/private/role-policy";
import { decodeDocument } from "../support/documents";
import { resourcesOf, testStack } from "../support/stacks";

// A kind whose document lists its grants, so what accumulated can be read back.
const KIND: RolePolicyKind<string> = {
  id: "TestPolicy",
  name: "test-policy",
  render: (grants) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: grants }],
  }),
};

describe("RolePolicy, the one grant path", () => {
  test("grants under one role accumulate in one policy, each key once, each made only the first time", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    const made: string[] = [];
    const grant = (key: string) => RolePolicy.grant(role, KIND, key, () => (made.push(key), `arn:aws:s3:::${key}/*`));
    const first = grant("a");
    expect(grant("b")).toBe(first);
    expect(grant("a")).toBe(first);
    expect(made).toEqual(["a", "b"]);
    const policies = resourcesOf(stack, "aws_iam_role_policy");
    expect(policies).toHaveLength(1);
    expect(policies[0].name).toBe("test-policy");
    expect(decodeDocument(policies[0].policy).Statement[0].Resource).toEqual(["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]);
  });

  test("another role, or another kind, gets its own policy", () => {
    const stack = testStack();
    const one = new IamRole(stack, "One", { assumeRolePolicy: "{}" });
    const two = new IamRole(stack, "Two", { assumeRolePolicy: "{}" });
    RolePolicy.grant(one, KIND, "a", () => "arn:aws:s3:::a/*");
    RolePolicy.grant(two, KIND, "a", () => "arn:aws:s3:::a/*");
    RolePolicy.grant(one, { ...KIND, id: "Other", name: "other" }, "a", () => "arn:aws:s3:::a/*");
    expect(
      resourcesOf(stack, "aws_iam_role_policy")
        .map((p) => p.name)
        .sort(),
    ).toEqual(["other", "test-policy", "test-policy"]);
  });

  test("a role nobody granted to has no policy at all", () => {
    const stack = testStack();
    new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    expect(resourcesOf(stack, "aws_iam_role_policy")).toHaveLength(0);
  });
});
