import { Lazy, Testing } from "cdktf";
import { EcrPullThroughCacheRule } from "@cdktf/provider-aws/lib/ecr-pull-through-cache-rule";
import { PullThroughCache, UpstreamRegistry, ecs } from "../../lib";
import { decodeDocument } from "../support/documents";
import { REGION_ATTRIBUTE } from "../support/line";
import { ref, resourcesOf, testStack } from "../support/stacks";

// ECR to ECR: a cache of another ECR registry (another account or region), pulled with a role ECR assumes.
const UPSTREAM = { registry: UpstreamRegistry.ECR, ecrAccountId: "444455556666", ecrRegion: "us-west-2" } as const;
const ROLE_ARN = "arn:aws:iam::111122223333:role/ptc-upstream";
const PARTITION = "${data.aws_partition.PrivateRegistryPartition.partition}";

describe("PullThroughCache with an ECR upstream", () => {
  test("a rule on the upstream's host with a role it creates, trusted by ECR's pull-through cache, scoped both ways", () => {
    const stack = testStack();
    const cache = new PullThroughCache(stack, "Cache", {
      upstreams: [{ ...UPSTREAM, repositoryPrefix: "platform", upstreamRepositoryPrefix: "team-a" }],
    });
    const [role] = resourcesOf(stack, "aws_iam_role");
    expect(resourcesOf(stack, "aws_iam_role")).toHaveLength(1);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(EcrPullThroughCacheRule, {
      ecr_repository_prefix: "platform",
      upstream_registry_url: "444455556666.dkr.ecr.us-west-2.${data.aws_partition.PrivateRegistryPartition.dns_suffix}",
      upstream_repository_prefix: "team-a",
      custom_role_arn: expect.stringMatching(
        /^\$\{aws_iam_role\.Cache_UpstreamRole-ECR-444455556666-us-west-2_\w+\.arn\}$/,
      ),
    });
    expect(resourcesOf(stack, "aws_ecr_pull_through_cache_rule")[0]).not.toHaveProperty("credential_arn");
    expect(decodeDocument(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "pullthroughcache.ecr.amazonaws.com" } },
      ],
    });
    const [policy] = resourcesOf(stack, "aws_iam_role_policy");
    expect(policy.role).toMatch(/^\$\{aws_iam_role\.Cache_UpstreamRole-ECR-444455556666-us-west-2_\w+\.name\}$/);
    const statements = decodeDocument(policy.policy).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(["EcrAuthorizationToken", "ReadUpstream", "WriteCache"]);
    expect(statements[1]).toMatchObject({
      Action: [
        "ecr:BatchGetImage",
        "ecr:BatchImportUpstreamImage",
        "ecr:GetDownloadUrlForLayer",
        "ecr:GetImageCopyStatus",
      ],
      Resource: `arn:${PARTITION}:ecr:us-west-2:444455556666:repository/team-a/*`,
    });
    expect(statements[2].Resource).toBe(
      `arn:${PARTITION}:ecr:\${data.aws_region.PrivateRegistryRegion.${REGION_ATTRIBUTE}}:${ref(stack, cache.rules[0]!.registryId)}:repository/platform/*`,
    );
  });

  test("without an upstream prefix the role reads every upstream repository; a given role is used as it is", () => {
    const stack = testStack();
    new PullThroughCache(stack, "Created", { upstreams: [UPSTREAM] });
    expect(decodeDocument(resourcesOf(stack, "aws_iam_role_policy")[0].policy).Statement[1].Resource).toBe(
      `arn:${PARTITION}:ecr:us-west-2:444455556666:repository/*`,
    );
    const given = testStack();
    new PullThroughCache(given, "Given", { upstreams: [{ ...UPSTREAM, upstreamRoleArn: ROLE_ARN }] });
    expect(resourcesOf(given, "aws_ecr_pull_through_cache_rule")[0]).toMatchObject({
      custom_role_arn: ROLE_ARN,
      ecr_repository_prefix: "ecr",
    });
    expect(resourcesOf(given, "aws_ecr_pull_through_cache_rule")[0]).not.toHaveProperty("upstream_repository_prefix");
    expect(resourcesOf(given, "aws_iam_role")).toEqual([]);
  });

  test("image() maps an upstream reference to its cached name, past the upstream repository prefix, and grants the cache", () => {
    const stack = testStack();
    const root = new PullThroughCache(stack, "Root", { upstreams: [{ ...UPSTREAM, upstreamRoleArn: ROLE_ARN }] });
    const scoped = new PullThroughCache(stack, "Scoped", {
      upstreams: [
        { ...UPSTREAM, repositoryPrefix: "platform", upstreamRepositoryPrefix: "team-a", upstreamRoleArn: ROLE_ARN },
      ],
    });
    const registry = (cache: PullThroughCache) =>
      `${ref(stack, cache.rules[0]!.registryId)}.dkr.ecr.\${data.aws_region.PrivateRegistryRegion.${REGION_ATTRIBUTE}}.\${data.aws_partition.PrivateRegistryPartition.dns_suffix}`;
    const upstreamImage = "444455556666.dkr.ecr.us-west-2.amazonaws.com/team-a/api:1.2";
    expect(ref(stack, root.image(upstreamImage).imageName)).toBe(`${registry(root)}/ecr/team-a/api:1.2`);
    expect(ref(stack, scoped.image(upstreamImage).imageName)).toBe(`${registry(scoped)}/platform/api:1.2`);
    expect(ref(stack, root.image("444455556666.dkr.ecr.us-west-2.amazonaws.com.cn/x:1").imageName)).toBe(
      `${registry(root)}/ecr/x:1`,
    );
    const task = new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.FARGATE });
    task.addContainer("api", { image: scoped.image(upstreamImage) });
    const grant = decodeDocument(
      resourcesOf(stack, "aws_iam_role_policy").find((p) => p.name === "private-registry-pull-through-cache").policy,
    );
    expect(grant.Statement[1].Resource).toMatch(/:repository\/platform\/\*$/);
  });

  test.each([
    [
      { registry: UpstreamRegistry.ECR },
      "upstreams[0] ECR needs ecrAccountId and ecrRegion. Fix: give the upstream registry's 12-digit account id and its region.",
    ],
    [{ ...UPSTREAM, ecrAccountId: "4444" }, 'upstreams[0] ecrAccountId "4444" is not an AWS account id'],
    [{ ...UPSTREAM, ecrRegion: "Oregon" }, 'upstreams[0] ecrRegion "Oregon" is not an AWS region'],
    [
      { ...UPSTREAM, ecrAccountId: Lazy.stringValue({ produce: () => "444455556666" }) },
      "upstreams[0] ecrAccountId or ecrRegion is a Terraform reference",
    ],
    [
      { ...UPSTREAM, upstreamRoleArn: "ptc-upstream" },
      'upstreams[0] upstreamRoleArn "ptc-upstream" is not an IAM role ARN',
    ],
    [
      { ...UPSTREAM, upstreamRepositoryPrefix: "Team A" },
      'upstreams[0] upstreamRepositoryPrefix "Team A" is not an ECR repository prefix',
    ],
    [{ ...UPSTREAM, username: "u", accessToken: "${var.t}" }, "upstreams[0] ECR takes no credentials"],
    [
      { registry: UpstreamRegistry.QUAY, upstreamRepositoryPrefix: "org" },
      "upstreams[0] upstreamRepositoryPrefix is for UpstreamRegistry.ECR only. Fix: remove them.",
    ],
    [
      { registry: UpstreamRegistry.QUAY, ecrAccountId: "444455556666", upstreamRoleArn: ROLE_ARN },
      "upstreams[0] ecrAccountId and upstreamRoleArn are for UpstreamRegistry.ECR only",
    ],
  ])("refuses %j at synth", (upstream, message) => {
    expect(() => new PullThroughCache(testStack(), "Cache", { upstreams: [upstream as never] })).toThrow(
      `PullThroughCache test/Cache: ${message}`,
    );
  });

  test("refuses the same ECR registry twice, and an image outside the rule's upstream prefix", () => {
    expect(
      () =>
        new PullThroughCache(testStack(), "Cache", {
          upstreams: [UPSTREAM, { ...UPSTREAM, repositoryPrefix: "other" }],
        }),
    ).toThrow("PullThroughCache test/Cache: upstreams[1] registry 444455556666.dkr.ecr.us-west-2 is listed twice");
    const cache = new PullThroughCache(testStack(), "Cache", {
      upstreams: [{ ...UPSTREAM, upstreamRepositoryPrefix: "team-a" }],
    });
    expect(() => cache.image("444455556666.dkr.ecr.us-west-2.amazonaws.com/team-b/api:1")).toThrow(
      'PullThroughCache test/Cache.image("444455556666.dkr.ecr.us-west-2.amazonaws.com/team-b/api:1"): the repository "team-b/api" is not under the rule\'s upstreamRepositoryPrefix "team-a". Fix: reference an image under team-a/, or widen upstreamRepositoryPrefix.',
    );
    expect(() => cache.image("444455556666.dkr.ecr.eu-west-1.amazonaws.com/team-a/api:1")).toThrow(
      "the cache has no rule for 444455556666.dkr.ecr.eu-west-1.amazonaws.com",
    );
  });
});
