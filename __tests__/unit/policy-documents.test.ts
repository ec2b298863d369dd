import { assumeRolePolicy, secretReadPolicy } from "../../lib/private/policy-documents";

const A = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:a-AbCdEf";
const B = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:b-??????";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("secretReadPolicy", () => {
  test("grants GetSecretValue on exactly the secrets, with no KMS statement for AWS-managed keys", () => {
    expect(secretReadPolicy([{ secretResource: A }])).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "ReadRegistryCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: A },
      ],
    });
  });

  test("collapses repeated secrets and adds kms:Decrypt only through Secrets Manager", () => {
    const doc = secretReadPolicy([
      { secretResource: A, kms: { keyArn: KEY, region: "eu-west-1" } },
      { secretResource: A, kms: { keyArn: KEY, region: "eu-west-1" } },
      { secretResource: B },
    ]);
    expect(doc.Statement).toEqual([
      { Sid: "ReadRegistryCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [A, B] },
      {
        Sid: "DecryptRegistryCredentials",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: KEY,
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
      },
    ]);
  });

  test("uses the China endpoint suffix in China regions", () => {
    const doc = secretReadPolicy([{ secretResource: A, kms: { keyArn: KEY, region: "cn-north-1" } }]);
    expect(doc.Statement[1].Condition).toEqual({
      StringEquals: { "kms:ViaService": "secretsmanager.cn-north-1.amazonaws.com.cn" },
    });
  });

  test("never grants on *", () => {
    const text = JSON.stringify(secretReadPolicy([{ secretResource: A, kms: { keyArn: KEY, region: "eu-west-1" } }]));
    expect(text).not.toMatch(/"Resource":"\*"|"Action":"\*"|secretsmanager:\*|kms:\*/);
  });

  test("refuses an empty grant list rather than rendering an invalid policy", () => {
    expect(() => secretReadPolicy([])).toThrow(/at least one grant/);
  });
});

test("assumeRolePolicy trusts one service", () => {
  expect(assumeRolePolicy("ecs-tasks.amazonaws.com").Statement).toEqual([
    { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" } },
  ]);
});

test("assumeRolePolicy with a source account trusts the service only on that account's behalf", () => {
  expect(assumeRolePolicy("ecs-tasks.amazonaws.com", "111122223333").Statement).toEqual([
    {
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Principal: { Service: "ecs-tasks.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
    },
  ]);
});
