import { TerraformVariable } from "cdktf";
import {
  arnRegion,
  checkAmiId,
  checkEnvironment,
  checkInstanceType,
  checkInstanceTypes,
  checkResourceIds,
  checkSubnetIds,
  checkTags,
  checkUsername,
} from "../../lib/private/aws-values";
import { failFor } from "../../lib/private/fail";
import { testStack } from "../support/stacks";

const fail = failFor("Thing x");
const refused = (f: () => void) => expect(f).toThrow(/^Thing x: .+\. Fix: .+\.$/);

describe("AWS's shapes and limits, checked at synth", () => {
  test("tags: 50 at most, keys of 1-128 characters outside aws:, values up to 256", () => {
    expect(() => checkTags(fail, { team: "a", ["k".repeat(128)]: "v".repeat(256) })).not.toThrow();
    refused(() => checkTags(fail, Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]))));
    refused(() => checkTags(fail, { ["k".repeat(129)]: "v" }));
    refused(() => checkTags(fail, { "AWS:owner": "v" }));
    refused(() => checkTags(fail, { team: "v".repeat(257) }));
  });

  test("EC2 ids: 8 or 17 hex digits after their prefix; subnets not empty", () => {
    expect(() =>
      checkResourceIds(fail, "securityGroupIds", ["sg-0123abcd", "sg-0123456789abcdef0"], "sg"),
    ).not.toThrow();
    expect(() => checkResourceIds(fail, "securityGroupIds", ["subnet-0123abcd"], "sg")).toThrow(
      'Thing x: securityGroupIds[0] "subnet-0123abcd" is not a sg- id.',
    );
    refused(() => checkResourceIds(fail, "securityGroupIds", ["sg-0123abc"], "sg"));
    refused(() => checkSubnetIds(fail, []));
    refused(() => checkAmiId(fail, "imageId", "ami-XYZ"));
    expect(() => checkAmiId(fail, "imageId", "ami-0123456789abcdef0")).not.toThrow();
  });

  test("instance types: Batch takes families and optimal, a launch template one type with a size", () => {
    expect(() =>
      checkInstanceTypes(fail, "instanceTypes", ["optimal", "c6i", "m6i.large", "default_arm64"]),
    ).not.toThrow();
    refused(() => checkInstanceTypes(fail, "instanceTypes", []));
    refused(() => checkInstanceTypes(fail, "instanceTypes", ["M6I.large"]));
    expect(() => checkInstanceType(fail, "instanceType", "t3.medium")).not.toThrow();
    refused(() => checkInstanceType(fail, "instanceType", "t3"));
  });

  test("environment names: not empty, no '=', no whitespace", () => {
    expect(() => checkEnvironment(fail, "environment", { LOG_LEVEL: "debug", "dotted.name": "x" })).not.toThrow();
    for (const name of ["", "A=B", "A B", "A\tB"])
      refused(() => checkEnvironment(fail, "environment", { [name]: "x" }));
  });

  test("user names: exactly as given, one line", () => {
    expect(() => checkUsername(fail, "username", "org+robot")).not.toThrow();
    for (const name of ["", " ", " robot", "robot\n", "a\rb"]) refused(() => checkUsername(fail, "username", name));
  });

  test("every check lets a Terraform reference through", () => {
    const stack = testStack();
    const text = new TerraformVariable(stack, "s", { type: "string" }).stringValue;
    const list = new TerraformVariable(stack, "l", { type: "list(string)" }).listValue;
    const map = new TerraformVariable(stack, "m", { type: "map(string)" }).value as { [key: string]: string };
    expect(() => {
      checkTags(fail, map);
      checkResourceIds(fail, "securityGroupIds", list, "sg");
      checkResourceIds(fail, "securityGroupIds", [text], "sg");
      checkSubnetIds(fail, list);
      checkAmiId(fail, "imageId", text);
      checkInstanceTypes(fail, "instanceTypes", list);
      checkInstanceType(fail, "instanceType", text);
      checkEnvironment(fail, "environment", map);
      checkUsername(fail, "username", text);
    }).not.toThrow();
  });

  test("arnRegion reads a literal ARN, and leaves a reference's to Terraform", () => {
    expect(arnRegion("arn:aws:secretsmanager:eu-west-1:111122223333:secret:x-AbCdEf")).toBe("eu-west-1");
    const reference = new TerraformVariable(testStack(), "arn", { type: "string" }).stringValue;
    expect(arnRegion(reference)).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });
});
