import { Lazy, Testing } from "cdktf";
import { EcrPullThroughCacheRule } from "@cdktf/provider-aws/lib/ecr-pull-through-cache-rule";
import { EcrRepositoryCreationTemplate } from "@cdktf/provider-aws/lib/ecr-repository-creation-template";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { EphemeralVariable, PullThroughCache, UpstreamRegistry, batch, ecs } from "../../lib";
import { decodeDocument } from "../support/documents";
import { REGION_ATTRIBUTE } from "../support/line";
import { KEY_ARN, network, quay, ref, resourcesOf, synthObject, testStack } from "../support/stacks";

const CREDENTIAL_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache/ghcr-AbC123";

function cacheStack() {
  const stack = testStack();
  const cache = new PullThroughCache(stack, "Cache", {
    upstreams: [
      {
        registry: UpstreamRegistry.DOCKER_HUB,
        username: "robot",
        accessToken: new EphemeralVariable(stack, "hub_token").value,
      },
      { registry: UpstreamRegistry.GITHUB, credentialSecretArn: CREDENTIAL_ARN, repositoryPrefix: "gh" },
      { registry: UpstreamRegistry.QUAY },
      {
        registry: UpstreamRegistry.AZURE,
        azureRegistryHost: "contoso.azurecr.io",
        credentialSecretArn: CREDENTIAL_ARN.replace("ghcr", "acr"),
      },
    ],
  });
  return { stack, cache };
}

describe("PullThroughCache", () => {
  test("one rule per upstream, with credentials where the upstream needs them", () => {
    const { stack, cache } = cacheStack();
    const synth = Testing.synth(stack);
    const hubRule = resourcesOf(stack, "aws_ecr_pull_through_cache_rule").find(
      (r) => r.ecr_repository_prefix === "docker-hub",
    );
    expect(hubRule).toMatchObject({
      upstream_registry_url: "registry-1.docker.io",
      credential_arn: expect.stringMatching(/^\$\{aws_secretsmanager_secret_version\.[\w-]+\.secret_id\}$/),
    });
    expect(synth).toHaveResourceWithProperties(EcrPullThroughCacheRule, {
      ecr_repository_prefix: "gh",
      upstream_registry_url: "ghcr.io",
      credential_arn: CREDENTIAL_ARN,
    });
    expect(synth).toHaveResourceWithProperties(EcrPullThroughCacheRule, {
      ecr_repository_prefix: "azure",
      upstream_registry_url: "contoso.azurecr.io",
    });
    const quayRule = resourcesOf(stack, "aws_ecr_pull_through_cache_rule").find(
      (r) => r.upstream_registry_url === "quay.io",
    );
    expect(quayRule).not.toHaveProperty("credential_arn");
    expect(cache.rules).toHaveLength(4);
  });

  test("creates the Docker Hub secret under ecr-pullthroughcache/ with a write-only username and accessToken", () => {
    const { stack } = cacheStack();
    const [secret] = resourcesOf(stack, "aws_secretsmanager_secret");
    expect(secret.name_prefix).toBe("ecr-pullthroughcache/docker-hub-");
    expect(secret).not.toHaveProperty("kms_key_id");
    const [version] = resourcesOf(stack, "aws_secretsmanager_secret_version");
    expect(version.secret_string_wo).toBe('${jsonencode({"username" = "robot", "accessToken" = var.hub_token})}');
    expect(version).not.toHaveProperty("secret_string");
    expect(synthObject(stack).variable.hub_token).toMatchObject({ ephemeral: true, sensitive: true });
  });

  test("cached repositories get a template: encryption, mutable tags, and a lifecycle policy so the cache stays bounded", () => {
    const { stack, cache } = cacheStack();
    expect(cache.repositoryTemplates).toHaveLength(4);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(EcrRepositoryCreationTemplate, {
      prefix: "docker-hub",
      applied_for: ["PULL_THROUGH_CACHE"],
      image_tag_mutability: "MUTABLE",
      encryption_configuration: [{ encryption_type: "AES256" }],
    });
    const template = resourcesOf(stack, "aws_ecr_repository_creation_template")[0];
    expect(JSON.parse(template.lifecycle_policy)).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: "Keep the 50 most recent images",
          selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 50 },
          action: { type: "expire" },
        },
      ],
    });
    expect(template).not.toHaveProperty("custom_role_arn");
  });

  test("with a KMS key, templates encrypt with it through a creation role ECR can assume, scoped to the cache", () => {
    const stack = testStack();
    new PullThroughCache(stack, "Cache", {
      upstreams: [
        { registry: UpstreamRegistry.QUAY },
        { registry: UpstreamRegistry.GITHUB, username: "u", accessToken: new EphemeralVariable(stack, "t").value },
      ],
      kmsKeyArn: KEY_ARN,
    });
    // ECR reads upstream credentials only from secrets under aws/secretsmanager.
    expect(resourcesOf(stack, "aws_secretsmanager_secret")[0]).not.toHaveProperty("kms_key_id");
    const template = resourcesOf(stack, "aws_ecr_repository_creation_template")[0];
    expect(template.encryption_configuration).toEqual([{ encryption_type: "KMS", kms_key: KEY_ARN }]);
    expect(template.custom_role_arn).toMatch(/^\$\{aws_iam_role\.\w+\.arn\}$/);
    const [role] = resourcesOf(stack, "aws_iam_role");
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "ecr.amazonaws.com" });
    const policy = decodeDocument(resourcesOf(stack, "aws_iam_role_policy")[0].policy);
    expect(policy.Statement[1]).toEqual({
      Sid: "EncryptWithKey",
      Effect: "Allow",
      Action: ["kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant"],
      Resource: KEY_ARN,
    });
    expect(policy.Statement[0].Resource.map((r: string) => r.replace(/.*:repository\//, ""))).toEqual([
      "quay/*",
      "github/*",
    ]);
  });

  test("image() renders the ECR URI of the cached image, adding Docker Hub's library/ as Docker does", () => {
    const { stack, cache } = cacheStack();
    const registry = (rule: EcrPullThroughCacheRule) =>
      `${ref(stack, rule.registryId)}.dkr.ecr.\${data.aws_region.PrivateRegistryRegion.${REGION_ATTRIBUTE}}.\${data.aws_partition.PrivateRegistryPartition.dns_suffix}`;
    const [hub, gh, quayRule, azure] = cache.rules;
    expect(ref(stack, cache.image("nginx:1.27").imageName)).toBe(`${registry(hub)}/docker-hub/library/nginx:1.27`);
    expect(ref(stack, cache.image("docker.io/bitnami/redis:7.4").imageName)).toBe(
      `${registry(hub)}/docker-hub/bitnami/redis:7.4`,
    );
    expect(ref(stack, cache.image("ghcr.io/org/app:1").imageName)).toBe(`${registry(gh)}/gh/org/app:1`);
    expect(ref(stack, cache.image("quay.io/prometheus/busybox").imageName)).toBe(
      `${registry(quayRule)}/quay/prometheus/busybox`,
    );
    expect(ref(stack, cache.image("contoso.azurecr.io/team/api:3").imageName)).toBe(
      `${registry(azure)}/azure/team/api:3`,
    );
  });

  test("a task and a Batch job pulling cached images grant their execution roles exactly the cache's repositories", () => {
    const { stack, cache } = cacheStack();
    const task = new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.FARGATE });
    task.addContainer("web", { image: cache.image("nginx:1.27") });
    task.addContainer("side", { image: cache.image("quay.io/org/side:1"), essential: false });
    task.addContainer("more", { image: cache.image("nginx:1.26"), essential: false });
    const job = new batch.JobDefinition(stack, "Job", {
      platform: batch.Platform.EC2,
      image: cache.image("ghcr.io/org/job:2"),
    });
    const policies = resourcesOf(stack, "aws_iam_role_policy");
    expect(policies).toHaveLength(2);
    const policyOf = (role: string) => decodeDocument(policies.find((p) => p.role === role)!.policy);
    const taskPolicy = policyOf(ref(stack, task.executionRole.name));
    const jobPolicy = policyOf(ref(stack, job.executionRole!.name));
    expect(taskPolicy.Statement[0]).toEqual({
      Sid: "EcrAuthorizationToken",
      Effect: "Allow",
      Action: "ecr:GetAuthorizationToken",
      Resource: "*",
    });
    expect(taskPolicy.Statement[1]).toMatchObject({
      Sid: "PullThroughCache",
      Action: [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchGetImage",
        "ecr:BatchImportUpstreamImage",
        "ecr:CreateRepository",
        "ecr:GetDownloadUrlForLayer",
      ],
    });
    expect(taskPolicy.Statement[1].Resource).toHaveLength(2);
    expect(taskPolicy.Statement[1].Resource.map((r: string) => r.replace(/.*:repository\//, ""))).toEqual([
      "docker-hub/*",
      "quay/*",
    ]);
    expect(jobPolicy.Statement[1].Resource).toMatch(/:repository\/gh\/\*$/);
    const container = decodeDocument(resourcesOf(stack, "aws_ecs_task_definition")[0].container_definitions)[0];
    expect(container).not.toHaveProperty("repositoryCredentials");
  });

  test("grantPull gives a Batch compute environment's instance role the whole cache", () => {
    const { stack, cache } = cacheStack();
    const ce = new batch.ComputeEnvironment(stack, "CE", { registryCredentials: [quay()], ...network });
    cache.grantPull(ce.instanceRole);
    const policy = resourcesOf(stack, "aws_iam_role_policy").find(
      (p) => p.name === "private-registry-pull-through-cache",
    )!;
    expect(policy.role).toBe(ref(stack, ce.instanceRole.name));
    expect(decodeDocument(policy.policy).Statement[1].Resource).toHaveLength(4);
  });

  test.each([
    [{ upstreams: [] }, /upstreams is empty/],
    [
      { upstreams: [{ registry: UpstreamRegistry.DOCKER_HUB }] },
      /upstreams\[0\] DOCKER_HUB needs credentials\. Fix: give username and accessToken/,
    ],
    [
      { upstreams: [{ registry: UpstreamRegistry.QUAY, credentialSecretArn: CREDENTIAL_ARN }] },
      /upstreams\[0\] QUAY takes no credentials/,
    ],
    [
      { upstreams: [{ registry: UpstreamRegistry.GITHUB, username: "u", accessToken: "literal-token" }] },
      /upstreams\[0\] accessToken is a literal string/,
    ],
    [
      {
        upstreams: [
          {
            registry: UpstreamRegistry.GITHUB,
            credentialSecretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ghcr-AbC123",
          },
        ],
      },
      /names the secret "ghcr-AbC123", which ECR will not read\. Fix: use a secret whose name starts with ecr-pullthroughcache\//,
    ],
    [
      { upstreams: [{ registry: UpstreamRegistry.GITHUB, credentialSecretArn: CREDENTIAL_ARN, username: "u" }] },
      /both credentialSecretArn and username/,
    ],
    [
      { upstreams: [{ registry: UpstreamRegistry.QUAY, repositoryPrefix: "Quay" }] },
      /repositoryPrefix "Quay" is not an ECR repository prefix/,
    ],
    [
      { upstreams: [{ registry: UpstreamRegistry.QUAY, repositoryPrefix: "x" }] },
      /repositoryPrefix "x" is not an ECR repository prefix/,
    ],
    [
      {
        upstreams: [
          { registry: UpstreamRegistry.QUAY },
          { registry: UpstreamRegistry.ECR_PUBLIC, repositoryPrefix: "quay" },
        ],
      },
      /upstreams\[1\] repositoryPrefix "quay" is used twice/,
    ],
    [
      {
        upstreams: [
          { registry: UpstreamRegistry.QUAY },
          { registry: UpstreamRegistry.QUAY, repositoryPrefix: "quay2" },
        ],
      },
      /upstreams\[1\] registry QUAY is listed twice/,
    ],
    [
      { upstreams: [{ registry: UpstreamRegistry.AZURE, credentialSecretArn: CREDENTIAL_ARN }] },
      /AZURE needs azureRegistryHost/,
    ],
    [
      {
        upstreams: [
          {
            registry: UpstreamRegistry.AZURE,
            azureRegistryHost: "contoso.example.com",
            credentialSecretArn: CREDENTIAL_ARN,
          },
        ],
      },
      /is not an Azure Container Registry host/,
    ],
    [{ upstreams: [{ registry: UpstreamRegistry.QUAY }], keepImages: 0 }, /keepImages 0/],
    [
      {
        upstreams: [
          {
            registry: UpstreamRegistry.AZURE,
            azureRegistryHost: Lazy.stringValue({ produce: () => "contoso.azurecr.io" }),
            credentialSecretArn: CREDENTIAL_ARN,
          },
        ],
      },
      /azureRegistryHost is a Terraform reference/,
    ],
    [
      {
        upstreams: [
          {
            registry: UpstreamRegistry.GITHUB,
            username: " u\n",
            accessToken: Lazy.stringValue({ produce: () => "t" }),
          },
        ],
      },
      /upstreams\[0\] username " u\\n" is blank or padded with whitespace/,
    ],
  ])("rejects %#", (props, message) => {
    expect(() => new PullThroughCache(testStack(), "Cache", props)).toThrow(
      new RegExp(`^PullThroughCache test/Cache: .*${message.source}`),
    );
  });

  test.each([
    [
      "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      /a digest reference cannot pull an image the cache does not hold yet.*Fix: reference the image by tag/,
    ],
    ["registry.gitlab.com/group/app:1", /the cache has no rule for registry\.gitlab\.com\. Fix: add its upstream/],
    ["Org/App", /has capitals/],
  ])("image(%s) is refused at synth", (reference, message) => {
    const { cache } = cacheStack();
    expect(() => cache.image(reference)).toThrow(message);
  });

  test("prefixes ECR accepts, and ids that cannot collide: a/b and a-b side by side", () => {
    const stack = testStack();
    new PullThroughCache(stack, "Cache", {
      upstreams: [
        { registry: UpstreamRegistry.QUAY, repositoryPrefix: "a/b" },
        { registry: UpstreamRegistry.ECR_PUBLIC, repositoryPrefix: "a-b" },
        { registry: UpstreamRegistry.KUBERNETES, repositoryPrefix: "k8s__mirror--x" },
      ],
    });
    expect(
      resourcesOf(stack, "aws_ecr_repository_creation_template")
        .map((t) => t.prefix)
        .sort(),
    ).toEqual(["a-b", "a/b", "k8s__mirror--x"]);
  });

  test("a role given by the user gains the grant without anything else being created", () => {
    const { stack, cache } = cacheStack();
    const role = new IamRole(stack, "Mine", { assumeRolePolicy: "{}" });
    const task = new ecs.TaskDefinition(stack, "Task", {
      family: "app",
      compatibility: ecs.Compatibility.FARGATE,
      executionRole: role,
    });
    task.addContainer("web", { image: cache.image("nginx:1.27") });
    expect(resourcesOf(stack, "aws_iam_role")).toHaveLength(1);
    expect(resourcesOf(stack, "aws_iam_role_policy")[0].role).toBe(ref(stack, role.name));
  });
});
