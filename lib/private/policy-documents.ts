/** IAM policy documents as plain objects; pure so they can be unit-tested and fed to a policy simulator. */

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: { readonly Service: string };
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: PolicyStatement[];
}

/** One secret to be read: the IAM resource for it and, for a customer-managed key, the key and its region. */
export interface SecretGrant {
  readonly secretResource: string;
  readonly kms?: {
    readonly keyArn: string;
    /** Region of the secret, used in the `kms:ViaService` condition. */
    readonly region: string;
  };
}

const unique = (values: string[]) => [...new Set(values)];
const oneOrMany = (values: string[]) => (values.length === 1 ? values[0] : values);

/**
 * Trust policy that lets one AWS service assume a role; with `sourceAccount`, only on behalf of that account's
 * resources (`aws:SourceAccount`, AWS's confused-deputy guard for service roles).
 */
export function assumeRolePolicy(service: string, sourceAccount?: string): PolicyDocument {
  const statement: PolicyStatement = { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: service } };
  return {
    Version: "2012-10-17",
    Statement: [sourceAccount === undefined ? statement : { ...statement, Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } }],
  };
}

/**
 * Least-privilege read of registry credentials: `GetSecretValue` on exactly these secrets, and `kms:Decrypt` on
 * customer-managed keys only when Secrets Manager asks on the caller's behalf. Duplicate grants collapse, so many
 * containers sharing one secret yield one resource entry.
 */
export function secretReadPolicy(grants: SecretGrant[]): PolicyDocument {
  if (grants.length === 0) throw new Error("secretReadPolicy needs at least one grant");
  const statements: PolicyStatement[] = [
    {
      Sid: "ReadRegistryCredentials",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: oneOrMany(unique(grants.map((g) => g.secretResource))),
    },
  ];
  const encrypted = grants.flatMap((g) => (g.kms === undefined ? [] : [g.kms]));
  if (encrypted.length > 0) {
    statements.push({
      Sid: "DecryptRegistryCredentials",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: oneOrMany(unique(encrypted.map((k) => k.keyArn))),
      Condition: { StringEquals: { "kms:ViaService": oneOrMany(unique(encrypted.map((k) => secretsManagerEndpoint(k.region)))) } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

function secretsManagerEndpoint(region: string): string {
  return `secretsmanager.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
}

/** The repositories of one pull-through cache prefix that a role may pull from, in one account and region. */
export interface EcrPullGrant {
  /** `arn:<partition>:ecr:<region>:<account>:repository/<prefix>/*`. */
  readonly repositories: string;
}

/**
 * What pulling through an ECR pull-through cache needs, and no more: an authorization token (which IAM grants only
 * on `*`), reading images and layers, and on a first pull importing the upstream image into a repository ECR
 * creates, all limited to the cache's repositories.
 */
export function ecrPullPolicy(grants: EcrPullGrant[]): PolicyDocument {
  if (grants.length === 0) throw new Error("ecrPullPolicy needs at least one grant");
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "EcrAuthorizationToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      {
        Sid: "PullThroughCache",
        Effect: "Allow",
        Action: [
          "ecr:BatchCheckLayerAvailability",
          "ecr:BatchGetImage",
          "ecr:BatchImportUpstreamImage",
          "ecr:CreateRepository",
          "ecr:GetDownloadUrlForLayer",
        ],
        Resource: oneOrMany(unique(grants.map((g) => g.repositories))),
      },
    ],
  };
}
