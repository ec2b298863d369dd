import { TerraformVariable } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { ContainerSecret, ecs } from "../../lib";
import { containerReadPolicy, ContainerReadAction } from "../../lib/private/policy-documents";
import { decodeDocument } from "../support/documents";
import { KEY_ARN, ref, resourcesOf, testStack } from "../support/stacks";

const SM = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-Ab12Cd";
const grantsOf = (...secrets: { grantRead(role: IamRole): unknown }[]) => {
  const stack = testStack();
  const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
  secrets.forEach((s) => s.grantRead(role));
  return { stack, policies: resourcesOf(stack, "aws_iam_role_policy") };
};

describe("ContainerSecret", () => {
  test.each([
    [{}, SM],
    [{ field: "password" }, `${SM}:password::`],
    [{ versionStage: "AWSPREVIOUS" }, `${SM}::AWSPREVIOUS:`],
    [
      { field: "password", versionId: "0123456789abcdef0123456789abcdef" },
      `${SM}:password::0123456789abcdef0123456789abcdef`,
    ],
  ])("a Secrets Manager secret with %j reads from %s", (options, valueFrom) => {
    expect(ContainerSecret.fromSecretsManager(SM, options).valueFrom).toBe(valueFrom);
  });

  test("a parameter keeps its name or ARN as valueFrom, which ECS takes for one in the task's region", () => {
    expect(ContainerSecret.fromSsmParameterName("/app/db").valueFrom).toBe("/app/db");
    expect(ContainerSecret.fromSsmParameterArn("arn:aws:ssm:us-east-1:111122223333:parameter/app/db").valueFrom).toBe(
      "arn:aws:ssm:us-east-1:111122223333:parameter/app/db",
    );
  });

  test("grants land in the role's container-read policy, one statement per action, each resource once", () => {
    const secret = ContainerSecret.fromSecretsManager(SM, { field: "a" });
    const { policies } = grantsOf(
      secret,
      ContainerSecret.fromSecretsManager(SM, { field: "b" }),
      ContainerSecret.fromSsmParameterName("app-db"),
      secret,
    );
    expect(policies).toHaveLength(1);
    expect(policies[0].name).toBe("container-read");
    const document = decodeDocument(policies[0].policy);
    expect(document.Statement.map((s: any) => [s.Sid, s.Action])).toEqual([
      ["ReadContainerSecrets", "secretsmanager:GetSecretValue"],
      ["ReadContainerParameters", "ssm:GetParameters"],
    ]);
    expect(document.Statement[0].Resource).toBe(SM);
    // A name without a leading slash is still a top-level parameter: parameter/app-db, not parameter//app-db.
    expect(document.Statement[1].Resource).toMatch(/:parameter\/app-db$/);
  });

  test("a parameter name that is a Terraform reference is granted without its leading slash, by Terraform", () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, "param", { type: "string" });
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    ContainerSecret.fromSsmParameterName(name.stringValue).grantRead(role);
    expect(resourcesOf(stack, "aws_iam_role_policy")[0].policy).toContain('parameter/${trimprefix(var.param, "/")}');
  });

  test("a secret ARN that is a Terraform reference passes unchecked and is granted as it is", () => {
    const stack = testStack();
    const arn = new TerraformVariable(stack, "arn", { type: "string" });
    const secret = ContainerSecret.fromSecretsManager(arn.stringValue, { field: "password", kmsKeyArn: KEY_ARN });
    expect(ref(stack, secret.valueFrom)).toBe("${var.arn}:password::");
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    secret.grantRead(role);
    const policy = resourcesOf(stack, "aws_iam_role_policy")[0].policy;
    expect(policy).toContain('"Resource" = var.arn');
    expect(policy).toContain('secretsmanager.${element(split(":", var.arn), 3)}.amazonaws.com');
  });

  test("an environment file grants the object and its bucket's location, nothing more", () => {
    const { policies } = grantsOf({
      grantRead: (role: IamRole) => ecs.EnvironmentFile.fromS3Object("cfg", "app/prod.env").grantRead(role),
    });
    expect(
      decodeDocument(policies[0].policy).Statement.map((s: any) => [
        s.Action,
        s.Resource.replace(/\$\{[^}]+\}/, "aws"),
      ]),
    ).toEqual([
      ["s3:GetObject", "arn:aws:s3:::cfg/app/prod.env"],
      ["s3:GetBucketLocation", "arn:aws:s3:::cfg"],
    ]);
  });
});

describe("containerReadPolicy", () => {
  test("decrypts each key only through the service holding the value, in its region", () => {
    const kms = (region: string) => ({ keyArn: KEY_ARN, region });
    expect(
      containerReadPolicy([
        { action: ContainerReadAction.PARAMETER, resource: "p", kms: kms("eu-west-1") },
        { action: ContainerReadAction.SECRET, resource: "s", kms: kms("cn-north-1") },
      ])
        .Statement.filter((s) => s.Action === "kms:Decrypt")
        .map((s) => [s.Sid, s.Condition]),
    ).toEqual([
      ["DecryptContainerSecrets", { StringEquals: { "kms:ViaService": "secretsmanager.cn-north-1.amazonaws.com.cn" } }],
      ["DecryptContainerParameters", { StringEquals: { "kms:ViaService": "ssm.eu-west-1.amazonaws.com" } }],
    ]);
  });

  test("keys of values in two regions get a statement each, so neither is usable through the other's endpoint", () => {
    const other = KEY_ARN.replace("eu-west-1", "us-east-1");
    const decrypts = containerReadPolicy([
      { action: ContainerReadAction.SECRET, resource: "a", kms: { keyArn: KEY_ARN, region: "eu-west-1" } },
      { action: ContainerReadAction.SECRET, resource: "b", kms: { keyArn: other, region: "us-east-1" } },
    ]).Statement.filter((s) => s.Action === "kms:Decrypt");
    expect(decrypts.map((s) => [s.Sid, s.Resource, s.Condition])).toEqual([
      [
        "DecryptContainerSecrets",
        KEY_ARN,
        { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
      ],
      [
        "DecryptContainerSecrets2",
        other,
        { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
      ],
    ]);
  });

  test("needs a grant", () => {
    expect(() => containerReadPolicy([])).toThrow(/at least one grant/);
  });
});
