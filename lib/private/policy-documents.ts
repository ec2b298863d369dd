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
/** What every ECR client asks first; IAM grants it only on `*`. */
const ECR_AUTHORIZATION_TOKEN: PolicyStatement = {
  Sid: "EcrAuthorizationToken",
  Effect: "Allow",
  Action: "ecr:GetAuthorizationToken",
  Resource: "*",
};
const oneOrMany = (values: string[]) => (values.length === 1 ? values[0] : values);

/**
 * Trust policy that lets one AWS service assume a role; with `sourceAccount`, only on behalf of that account's
 * resources (`aws:SourceAccount`, AWS's confused-deputy guard for service roles).
 */
export function assumeRolePolicy(service: string, sourceAccount?: string): PolicyDocument {
  const statement: PolicyStatement = { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: service } };
  return {
    Version: "2012-10-17",
    Statement: [
      sourceAccount === undefined
        ? statement
        : { ...statement, Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } },
    ],
  };
}

/**
 * Least-privilege read of registry credentials: `GetSecretValue` on exactly these secrets, and `kms:Decrypt` on
 * customer-managed keys only when Secrets Manager asks on the caller's behalf. Duplicate grants collapse, so many
 * containers sharing one secret yield one resource entry.
 */
export function secretReadPolicy(grants: SecretGrant[]): PolicyDocument {
  if (grants.length === 0) throw new Error("secretReadPolicy needs at least one grant");
  const statements = [
    readStatement(
      "ReadRegistryCredentials",
      "secretsmanager:GetSecretValue",
      grants.map((g) => g.secretResource),
    ),
  ];
  const encrypted = grants.flatMap((g) => (g.kms === undefined ? [] : [g.kms]));
  statements.push(...decryptStatements("DecryptRegistryCredentials", "secretsmanager", encrypted));
  return { Version: "2012-10-17", Statement: statements };
}

/** What a container's execution role reads at start-up besides its image: a secret, a parameter, an env file. */
export enum ContainerReadAction {
  SECRET = "secretsmanager:GetSecretValue",
  PARAMETER = "ssm:GetParameters",
  OBJECT = "s3:GetObject",
  BUCKET_LOCATION = "s3:GetBucketLocation",
}

/** One resource a container reads, and the customer-managed key that encrypts it. */
export interface ContainerReadGrant {
  readonly action: ContainerReadAction;
  readonly resource: string;
  readonly kms?: {
    readonly keyArn: string;
    /** Region of the resource, for the `kms:ViaService` condition. */
    readonly region: string;
  };
}

const READ_SIDS: Record<ContainerReadAction, string> = {
  [ContainerReadAction.SECRET]: "ReadContainerSecrets",
  [ContainerReadAction.PARAMETER]: "ReadContainerParameters",
  [ContainerReadAction.OBJECT]: "ReadEnvironmentFiles",
  [ContainerReadAction.BUCKET_LOCATION]: "LocateEnvironmentFileBuckets",
};
const DECRYPT_VIA: Partial<Record<ContainerReadAction, [string, string]>> = {
  [ContainerReadAction.SECRET]: ["DecryptContainerSecrets", "secretsmanager"],
  [ContainerReadAction.PARAMETER]: ["DecryptContainerParameters", "ssm"],
  [ContainerReadAction.OBJECT]: ["DecryptEnvironmentFiles", "s3"],
};

/**
 * Least-privilege read of what containers get at start-up (`secrets`, `environmentFiles`, a log driver's
 * `secretOptions`): each action on exactly its resources, one statement per action, and `kms:Decrypt` on a
 * customer-managed key only through the service that holds the value.
 */
export function containerReadPolicy(grants: ContainerReadGrant[]): PolicyDocument {
  if (grants.length === 0) throw new Error("containerReadPolicy needs at least one grant");
  const actions = Object.values(ContainerReadAction).filter((a) => grants.some((g) => g.action === a));
  const statements = actions.map((a) =>
    readStatement(
      READ_SIDS[a],
      a,
      grants.filter((g) => g.action === a).map((g) => g.resource),
    ),
  );
  for (const action of actions) {
    const via = DECRYPT_VIA[action];
    const keys = grants.flatMap((g) => (g.action === action && g.kms !== undefined ? [g.kms] : []));
    if (via !== undefined) statements.push(...decryptStatements(via[0], via[1], keys));
  }
  return { Version: "2012-10-17", Statement: statements };
}

function readStatement(sid: string, action: string, resources: string[]): PolicyStatement {
  return { Sid: sid, Effect: "Allow", Action: action, Resource: oneOrMany(unique(resources)) };
}

/**
 * `kms:Decrypt` on each key only through `service` in the region of the values it encrypts: one statement per
 * region, so a key is never usable through another region's endpoint. Sids are unique, as IAM requires.
 */
function decryptStatements(
  sid: string,
  service: string,
  keys: { keyArn: string; region: string }[],
): PolicyStatement[] {
  const regions = unique(keys.map((k) => k.region));
  return regions.map((region, i) => ({
    Sid: i === 0 ? sid : `${sid}${i + 1}`,
    Effect: "Allow",
    Action: "kms:Decrypt",
    Resource: oneOrMany(unique(keys.filter((k) => k.region === region).map((k) => k.keyArn))),
    Condition: { StringEquals: { "kms:ViaService": serviceEndpoint(service, region) } },
  }));
}

function serviceEndpoint(service: string, region: string): string {
  return `${service}.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
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
      ECR_AUTHORIZATION_TOKEN,
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

/** What the role ECR assumes for an ECR-to-ECR cache rule reaches: the upstream's repositories and the cache's. */
export interface EcrUpstreamGrant {
  /** `arn:<partition>:ecr:<upstream region>:<upstream account>:repository/<upstream prefix>/*` (or `.../*`). */
  readonly upstreamRepositories: string;
  /** `arn:<partition>:ecr:<region>:<account>:repository/<cache prefix>/*`. */
  readonly cacheRepositories: string;
}

/**
 * The policy of the role ECR assumes to cache from another ECR registry (the rule's `custom_role_arn`). AWS's guide
 * lists the actions on `*`; here they go to the two registries' repositories only: reading, importing and copy
 * status on the upstream's (the four actions the guide has the upstream's owner grant on them), importing and
 * writing images and layers into the cache's, and an authorization token, which IAM grants only on `*`. The import
 * and copy-status actions are on both sides because ECR does not say which repository it checks them against.
 */
export function ecrUpstreamPolicy(grant: EcrUpstreamGrant): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ECR_AUTHORIZATION_TOKEN,
      {
        Sid: "ReadUpstream",
        Effect: "Allow",
        Action: [
          "ecr:BatchGetImage",
          "ecr:BatchImportUpstreamImage",
          "ecr:GetDownloadUrlForLayer",
          "ecr:GetImageCopyStatus",
        ],
        Resource: grant.upstreamRepositories,
      },
      {
        Sid: "WriteCache",
        Effect: "Allow",
        Action: [
          "ecr:BatchImportUpstreamImage",
          "ecr:CompleteLayerUpload",
          "ecr:GetImageCopyStatus",
          "ecr:InitiateLayerUpload",
          "ecr:PutImage",
          "ecr:UploadLayerPart",
        ],
        Resource: grant.cacheRepositories,
      },
    ],
  };
}

/** What the role ECR assumes to create a cache's repositories encrypted with a customer key reaches. */
export interface RepositoryCreationGrant {
  /** `arn:<partition>:ecr:<region>:<account>:repository/<prefix>/*`, one per upstream's prefix. */
  readonly repositories: string[];
  /** The key the repositories are encrypted with. */
  readonly kmsKeyArn: string;
}

/**
 * The policy of a repository creation template's custom role (AWS requires one when the template encrypts with
 * KMS): creating and tagging repositories under the cache's prefixes only, and the grants ECR makes on the one key
 * so the new repositories can use it.
 */
export function repositoryCreationPolicy(grant: RepositoryCreationGrant): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "CreateCachedRepositories",
        Effect: "Allow",
        Action: ["ecr:CreateRepository", "ecr:TagResource"],
        Resource: oneOrMany(unique(grant.repositories)),
      },
      {
        Sid: "EncryptWithKey",
        Effect: "Allow",
        Action: ["kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant"],
        Resource: grant.kmsKeyArn,
      },
    ],
  };
}
