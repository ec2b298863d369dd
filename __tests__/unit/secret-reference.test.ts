import { TerraformVariable } from "cdktf";
import { failFor } from "../../lib/private/fail";
import {
  checkKmsKeyArn,
  checkSecretArn,
  checkSecretName,
  endsLikeSuffix,
  secretGrant,
  SecretReferenceKind,
} from "../../lib/private/secret-reference";
import { KEY_ARN, ref, SECRET_ARN, testStack } from "../support/stacks";

const fail = failFor("Thing x");

describe("secret references", () => {
  test("checkSecretArn returns the region of a secret ARN in any partition", () => {
    expect(checkSecretArn(fail, SECRET_ARN)).toBe("eu-west-1");
    expect(checkSecretArn(fail, "arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:x")).toBe("cn-north-1");
    expect(checkSecretArn(fail, "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:a/b")).toBe(
      "us-gov-west-1",
    );
  });

  test.each([
    ["registry/hub", "is not an ARN"],
    ["arn:aws:secretsmanager", "is not a well-formed ARN"],
    ["arn:aws:ssm:eu-west-1:111122223333:parameter/x", "not in Parameter Store"],
    ["arn:aws:secretsmanager:eu-west-1::secret:x", "is not a secret ARN"],
    ["arn:aws:secretsmanager:eu-west-1:111122223333:key:x", "is not a secret ARN"],
  ])("%s is refused: %s", (value, problem) => {
    expect(() => checkSecretArn(fail, value)).toThrow(problem.startsWith("not in") ? /Parameter Store/ : problem);
  });

  test("names: Secrets Manager's characters, and never an ARN", () => {
    expect(() => checkSecretName(fail, "registry/hub_1+=.@-")).not.toThrow();
    expect(() => checkSecretName(fail, SECRET_ARN)).toThrow("is an ARN, not a name");
    expect(() => checkSecretName(fail, "a b")).toThrow("is not a valid secret name");
    expect(() => checkSecretName(fail, "x".repeat(513))).toThrow("is not a valid secret name");
  });

  test("KMS: a key ARN, not an alias", () => {
    expect(() => checkKmsKeyArn(fail, KEY_ARN)).not.toThrow();
    expect(() => checkKmsKeyArn(fail, "arn:aws:kms:eu-west-1:111122223333:alias/x")).toThrow(
      "an alias cannot be granted kms:Decrypt",
    );
  });

  test("endsLikeSuffix: the '-' and six characters Secrets Manager appends", () => {
    expect(endsLikeSuffix(SECRET_ARN)).toBe(true);
    expect(endsLikeSuffix("arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/hub")).toBe(false);
  });

  test("references pass every check", () => {
    const reference = new TerraformVariable(testStack(), "arn", { type: "string" }).stringValue;
    expect(checkSecretArn(fail, reference)).toBeUndefined();
    expect(() => checkSecretName(fail, reference)).not.toThrow();
    expect(() => checkKmsKeyArn(fail, reference)).not.toThrow();
  });

  test("secretGrant: a complete ARN as is, a partial one and a name matched through exactly six characters", () => {
    const stack = testStack();
    expect(
      secretGrant(stack, { kind: SecretReferenceKind.COMPLETE_ARN, value: SECRET_ARN, region: "eu-west-1" }, KEY_ARN),
    ).toEqual({ secretResource: SECRET_ARN, kms: { keyArn: KEY_ARN, region: "eu-west-1" } });
    const partial = "arn:aws:secretsmanager:us-east-1:111122223333:secret:registry/hub";
    expect(secretGrant(stack, { kind: SecretReferenceKind.PARTIAL_ARN, value: partial }, undefined)).toEqual({
      secretResource: `${partial}-??????`,
      kms: undefined,
    });
    const byName = secretGrant(stack, { kind: SecretReferenceKind.NAME, value: "registry/hub" }, KEY_ARN);
    expect(ref(stack, byName.secretResource)).toMatch(
      /^arn:\$\{data\.aws_partition\.\w+\.partition\}:secretsmanager:\$\{data\.aws_region\.\w+\.\w+\}:\$\{data\.aws_caller_identity\.\w+\.account_id\}:secret:registry\/hub-\?{6}$/,
    );
    expect(ref(stack, byName.kms!.region)).toMatch(/^\$\{data\.aws_region\.\w+\.\w+\}$/);
  });
});
