import { Testing } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { DataAwsIamRole } from "@cdktf/provider-aws/lib/data-aws-iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { RegistryCredentials } from "../lib";
import { KEY_ARN, SECRET_ARN, resourcesOf, testStack } from "./support/stacks";

const policyOf = (stack: ReturnType<typeof testStack>) => {
  const policies = resourcesOf(stack, "aws_iam_role_policy");
  expect(policies).toHaveLength(1);
  return JSON.parse(policies[0].policy);
};

describe("RegistryCredentials.fromSecretArn", () => {
  test("grantRead gives GetSecretValue on exactly the complete ARN, without warnings", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    RegistryCredentials.fromSecretArn(SECRET_ARN).grantRead(role);
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(IamRolePolicy, { role: "${aws_iam_role.Role.name}" });
    expect(policyOf(stack).Statement).toEqual([
      { Sid: "ReadRegistryCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET_ARN },
    ]);
    expect(role.node.metadata.filter((m) => m.type === "@cdktf/warn")).toHaveLength(0);
  });

  test("a customer-managed key adds kms:Decrypt via Secrets Manager in the secret's region", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    RegistryCredentials.fromSecretArn(SECRET_ARN, { kmsKeyArn: KEY_ARN }).grantRead(role);
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
    RegistryCredentials.fromSecretArn(SECRET_ARN).grantRead(role);
    RegistryCredentials.fromSecretArn(SECRET_ARN).grantRead(role);
    RegistryCredentials.fromSecretArn(other).grantRead(role);
    expect(policyOf(stack).Statement[0].Resource).toEqual([SECRET_ARN, other]);
  });

  test("a partial ARN is granted with the suffix wildcard and warns about cross-account use", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    const partial = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/quay";
    RegistryCredentials.fromSecretArn(partial).grantRead(role);
    expect(policyOf(stack).Statement[0].Resource).toBe(`${partial}-??????`);
    const warnings = role.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/not a complete secret ARN.*another account.*complete ARN/)]);
  });

  test("a bare name is granted in the provider's account and region, and warns", () => {
    const stack = testStack();
    const role = new DataAwsIamRole(stack, "Existing", { name: "my-exec-role" });
    RegistryCredentials.fromSecretArn("registry/quay").grantRead(role);
    expect(policyOf(stack).Statement[0].Resource).toBe(
      "arn:${data.aws_partition.PrivateRegistryPartition.partition}:secretsmanager:${data.aws_region.PrivateRegistryRegion.name}:${data.aws_caller_identity.PrivateRegistryCallerIdentity.account_id}:secret:registry/quay-??????",
    );
    expect(resourcesOf(stack, "aws_iam_role_policy")[0].role).toBe("${data.aws_iam_role.Existing.name}");
    expect(role.node.metadata.some((m) => m.type === "@cdktf/warn")).toBe(true);
  });

  test.each([
    ["arn:aws:ssm:eu-west-1:111122223333:parameter/registry", /service "ssm".*Parameter Store.*Fix: pass the ARN of a Secrets Manager secret/],
    ["arn:aws:s3:::bucket", /service "s3"/],
    ["arn:aws:secretsmanager:eu-west-1:111122223333:rotation:x", /is not a secret ARN/],
    ["arn:aws:secretsmanager:eu-west-1:1111:secret:x", /not a well-formed ARN/],
    ["arn:nope", /not a well-formed ARN/],
    ["has spaces in it", /neither a secret ARN nor a valid secret name/],
  ])("rejects %s", (arn, message) => {
    expect(() => RegistryCredentials.fromSecretArn(arn)).toThrow(message);
  });

  test("rejects a KMS alias, naming the call and the fix", () => {
    expect(() => RegistryCredentials.fromSecretArn(SECRET_ARN, { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/registry" })).toThrow(
      /^RegistryCredentials\.fromSecretArn\(".*"\): kmsKeyArn .* is not a KMS key ARN\. Fix: an alias cannot be granted kms:Decrypt; pass the key ARN/,
    );
  });

  test("rejects a registry given as a URL", () => {
    expect(() => RegistryCredentials.fromSecretArn(SECRET_ARN, { registry: "https://quay.io" })).toThrow(/not a registry host.*without scheme/);
  });
});
