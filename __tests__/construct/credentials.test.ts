import { Testing, TerraformVariable } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { DataAwsIamRole } from "@cdktf/provider-aws/lib/data-aws-iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { RegistryCredentials } from "../../lib";
import { decodeDocument } from "../support/documents";
import { REGION_ATTRIBUTE } from "../support/line";
import { KEY_ARN, ref, resourcesOf, SECRET_ARN, testStack } from "../support/stacks";

const policyOf = (stack: ReturnType<typeof testStack>) => {
  const policies = resourcesOf(stack, "aws_iam_role_policy");
  expect(policies).toHaveLength(1);
  return decodeDocument(policies[0].policy);
};

describe("RegistryCredentials", () => {
  test("grantRead gives GetSecretValue on exactly the complete ARN, without warnings, and returns the policy", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    const policy = RegistryCredentials.fromSecretCompleteArn(SECRET_ARN).grantRead(role);
    expect(policy).toBeInstanceOf(IamRolePolicy);
    expect(resourcesOf(stack, "aws_iam_role_policy")[0].role).toBe(ref(stack, role.name));
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(IamRolePolicy, { role: "${aws_iam_role.Role.name}" });
    expect(policyOf(stack).Statement).toEqual([
      {
        Sid: "ReadRegistryCredentials",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: SECRET_ARN,
      },
    ]);
    expect(role.node.metadata.filter((m) => m.type === "@cdktf/warn")).toHaveLength(0);
  });

  test("a customer-managed key adds kms:Decrypt via Secrets Manager in the secret's region", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { kmsKeyArn: KEY_ARN }).grantRead(role);
    expect(policyOf(stack).Statement[1]).toEqual({
      Sid: "DecryptRegistryCredentials",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: KEY_ARN,
      Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
    });
  });

  test("grants from many credentials to one role share one policy without repeats", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    const other = SECRET_ARN.replace("quay-AbC123", "ghcr-XyZ789");
    const first = RegistryCredentials.fromSecretCompleteArn(SECRET_ARN).grantRead(role);
    RegistryCredentials.fromSecretCompleteArn(SECRET_ARN).grantRead(role);
    expect(RegistryCredentials.fromSecretCompleteArn(other).grantRead(role)).toBe(first);
    expect(policyOf(stack).Statement[0].Resource).toEqual([SECRET_ARN, other]);
  });

  test.each([
    ["fromSecretPartialArn", (arn: string) => RegistryCredentials.fromSecretPartialArn(arn)],
    ["fromSecretArn", (arn: string) => RegistryCredentials.fromSecretArn(arn)],
  ])("%s: a partial ARN is granted with the suffix wildcard and warns about cross-account use", (_, make) => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    const partial = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/quay";
    make(partial).grantRead(role);
    expect(policyOf(stack).Statement[0].Resource).toBe(`${partial}-??????`);
    const warnings = role.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/not a complete secret ARN.*another account.*complete ARN/)]);
  });

  test.each([
    ["fromSecretName", (name: string) => RegistryCredentials.fromSecretName(name)],
    ["fromSecretArn", (name: string) => RegistryCredentials.fromSecretArn(name)],
  ])("%s: a bare name is granted in the provider's account and region, and warns", (_, make) => {
    const stack = testStack();
    const role = new DataAwsIamRole(stack, "Existing", { name: "my-exec-role" });
    make("registry/quay").grantRead(role);
    expect(policyOf(stack).Statement[0].Resource).toBe(
      `arn:${"$"}{data.aws_partition.PrivateRegistryPartition.partition}:secretsmanager:${"$"}{data.aws_region.PrivateRegistryRegion.${REGION_ATTRIBUTE}}:${"$"}{data.aws_caller_identity.PrivateRegistryCallerIdentity.account_id}:secret:registry/quay-??????`,
    );
    expect(resourcesOf(stack, "aws_iam_role_policy")[0].role).toBe("${data.aws_iam_role.Existing.name}");
    expect(role.node.metadata.some((m) => m.type === "@cdktf/warn")).toBe(true);
  });

  test.each([
    [
      "arn:aws:ssm:eu-west-1:111122223333:parameter/registry",
      /service "ssm".*Parameter Store.*Fix: pass the ARN of a Secrets Manager secret/,
    ],
    ["arn:aws:s3:::bucket", /service "s3"/],
    ["arn:aws:secretsmanager:eu-west-1:111122223333:rotation:x", /is not a secret ARN/],
    ["arn:aws:secretsmanager:eu-west-1:1111:secret:x", /not a well-formed ARN/],
    ["arn:nope", /not a well-formed ARN/],
    ["has spaces in it", /"has spaces in it" is not a valid secret name/],
  ])("rejects %s", (arn, message) => {
    expect(() => RegistryCredentials.fromSecretArn(arn)).toThrow(message);
  });

  test("a partial ARN that looks complete is granted with the wildcard when declared partial", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    const looksComplete = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:quay-robot1";
    RegistryCredentials.fromSecretPartialArn(looksComplete).grantRead(role);
    expect(policyOf(stack).Statement[0].Resource).toBe(`${looksComplete}-??????`);
  });

  test("fromSecretArn warns that an ARN ending like a suffix was guessed complete; fromSecretCompleteArn does not", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    RegistryCredentials.fromSecretArn(SECRET_ARN).grantRead(role);
    const warnings = role.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([
      expect.stringMatching(/took ".*quay-AbC123" for a complete ARN.*fromSecretCompleteArn.*fromSecretPartialArn/),
    ]);
    expect(policyOf(stack).Statement[0].Resource).toBe(SECRET_ARN);
  });

  test("a secret name from a Terraform variable becomes a full ARN pattern, never a bare name in the policy", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    const name = new TerraformVariable(stack, "secret_name", { type: "string" });
    RegistryCredentials.fromSecretName(name.stringValue).grantRead(role);
    expect(policyOf(stack).Statement[0].Resource).toMatch(
      /^arn:\$\{data\.aws_partition\.\w+\.partition\}:secretsmanager:.*:secret:\$\{var\.secret_name\}-\?{6}$/,
    );
  });

  test.each([
    [
      "fromSecretCompleteArn",
      () =>
        RegistryCredentials.fromSecretCompleteArn("arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/quay"),
      /^RegistryCredentials\.fromSecretCompleteArn\(".*"\): the ARN does not end in the 6-character suffix.*Fix: .*fromSecretPartialArn/,
    ],
    [
      "fromSecretName",
      () => RegistryCredentials.fromSecretName(SECRET_ARN),
      /^RegistryCredentials\.fromSecretName\(".*"\): ".*" is an ARN, not a name\. Fix: use RegistryCredentials\.fromSecretCompleteArn/,
    ],
    [
      "fromSecretPartialArn",
      () => RegistryCredentials.fromSecretPartialArn("registry/quay"),
      /^RegistryCredentials\.fromSecretPartialArn\("registry\/quay"\): "registry\/quay" is not an ARN/,
    ],
  ])("%s refuses what it is not given", (_, make, message) => {
    expect(make).toThrow(message);
  });

  test("rejects a KMS alias, naming the call and the fix", () => {
    expect(() =>
      RegistryCredentials.fromSecretArn(SECRET_ARN, { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/registry" }),
    ).toThrow(
      /^RegistryCredentials\.fromSecretArn\(".*"\): kmsKeyArn .* is not a KMS key ARN\. Fix: an alias cannot be granted kms:Decrypt; pass the key ARN/,
    );
  });

  test("rejects a registry given as a URL", () => {
    expect(() => RegistryCredentials.fromSecretArn(SECRET_ARN, { registry: "https://quay.io" })).toThrow(
      /not a registry host.*without scheme/,
    );
  });
});
