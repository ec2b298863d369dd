import { Construct } from "constructs";
import { Token } from "cdktf";
import { EcrPullThroughCacheRule } from "@cdktf/provider-aws/lib/ecr-pull-through-cache-rule";
import { EcrRepositoryCreationTemplate } from "@cdktf/provider-aws/lib/ecr-repository-creation-template";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { ContainerImage } from "./container-image";
import type { IRole } from "./role";
import { constructFail, Fail, failForCall } from "./private/fail";
import { checkEnum } from "./private/enums";
import { checkNumber } from "./private/numbers";
import { ImageReference } from "./private/image-reference";
import { jsonDocument } from "./private/json-document";
import {
  assumeRolePolicy,
  EcrPullGrant,
  ecrPullPolicy,
  ecrUpstreamPolicy,
  repositoryCreationPolicy,
} from "./private/policy-documents";
import { RolePolicy, RolePolicyKind } from "./private/role-policy";
import { checkKmsKeyArn, checkSecretArn, endsLikeSuffix } from "./private/secret-reference";
import { dnsSuffixOf, partitionOf, regionOf } from "./private/stack-context";
import {
  ACCOUNT_ID,
  AZURE_HOST,
  REGION,
  REPOSITORY_PREFIX,
  SECRET_NAME_PREFIX,
  UPSTREAMS,
  UpstreamSpec,
} from "./private/upstreams";
import { checkSecretValue, checkSecretVersion, createWriteOnlySecret } from "./private/write-only-secret";
import { checkRoleArn, checkUsername } from "./private/aws-values";
import { UpstreamRegistry } from "./upstream-registry";
import { checkInput } from "./private/boundary";
import { attachPlanChecks } from "./private/plan-checks";
import { literalArgument } from "./private/terraform-expression";

/** One upstream of a `PullThroughCache`, with the credentials ECR uses to pull from it. */
export interface CacheUpstream {
  /** The upstream registry. */
  readonly registry: UpstreamRegistry;
  /**
   * The ECR repository prefix cached images get (2 to 30 lowercase characters): `<prefix>/<upstream path>`.
   * @default - the prefix the ECR console proposes: docker-hub, github, gitlab, azure, chainguard, quay, ecr-public,
   * kubernetes
   */
  readonly repositoryPrefix?: string;
  /**
   * Azure only: the registry's host, `<name>.azurecr.io`.
   * @default - none; required for UpstreamRegistry.AZURE
   */
  readonly azureRegistryHost?: string;
  /**
   * ECR only: the upstream registry's 12-digit account id.
   * @default - none; required for UpstreamRegistry.ECR
   */
  readonly ecrAccountId?: string;
  /**
   * ECR only: the upstream registry's region, such as `us-west-2`.
   * @default - none; required for UpstreamRegistry.ECR
   */
  readonly ecrRegion?: string;
  /**
   * ECR only: the role ECR assumes to pull from the upstream and write the cache, in this cache's account.
   * @default - a role this construct creates, trusted by ECR's pull-through cache, reading only the upstream's
   * repositories under `upstreamRepositoryPrefix` and writing only this upstream's cached repositories
   */
  readonly upstreamRoleArn?: string;
  /**
   * ECR only: cache only the upstream repositories under this prefix (2 to 30 lowercase characters). A cached
   * `<repositoryPrefix>/<rest>` then comes from the upstream's `<upstreamRepositoryPrefix>/<rest>`.
   * @default - every upstream repository (ECR's ROOT)
   */
  readonly upstreamRepositoryPrefix?: string;
  /**
   * User name at the upstream; with `accessToken`, the cache creates the secret `ecr-pullthroughcache/<prefix>`.
   * @default - none
   */
  readonly username?: string;
  /**
   * Access token at the upstream, as a Terraform reference (normally `new EphemeralVariable(...).value`): it is
   * sent through the write-only `secret_string_wo` and never stored in plan or state.
   * @default - none
   */
  readonly accessToken?: string;
  /**
   * Bump to send a new access token: Terraform cannot see write-only values.
   * @default 1
   */
  readonly accessTokenVersion?: number;
  /**
   * An existing secret to use instead: its complete ARN, in the cache's account and region, named
   * `ecr-pullthroughcache/...`, holding `{"username": "...", "accessToken": "..."}`.
   * @default - none
   */
  readonly credentialSecretArn?: string;
}

/** Props of `PullThroughCache`. */
export interface PullThroughCacheProps {
  /** The upstream registries to mirror, each at most once. */
  readonly upstreams: CacheUpstream[];
  /**
   * How many images each cached repository keeps; older ones expire, so the cache does not grow forever.
   * @default 50
   */
  readonly keepImages?: number;
  /**
   * A customer-managed KMS key for the cached repositories. ECR then creates repositories through a role this
   * construct makes, as AWS requires for KMS in repository creation templates (so whoever applies needs
   * `iam:PassRole` on it). Credential secrets always use `aws/secretsmanager`: ECR reads no other.
   * @default - AES-256 with an AWS-owned key
   */
  readonly kmsKeyArn?: string;
}

/** What one upstream became: its rule and where its images are cached. */
interface Upstream {
  readonly prefix: string;
  /** Where its images come from, for descriptions: the registry's URL. */
  readonly source: string;
  /** The hosts image references use for it. */
  readonly hosts: readonly (string | undefined)[];
  /** ECR upstreams: the upstream repository prefix the rule caches, if any. */
  readonly upstreamPrefix?: string;
  readonly rule: EcrPullThroughCacheRule;
  readonly id: string;
}

/** An ECR upstream's registry: its account and region, literal, since images are matched to it by host at synth. */
interface EcrUpstream {
  readonly account: string;
  readonly region: string;
}

/** The inline policy through which a role pulls from pull-through caches. */
const ECR_PULL: RolePolicyKind<EcrPullGrant> = {
  id: "PrivateRegistryPullThroughCache",
  name: "private-registry-pull-through-cache",
  render: ecrPullPolicy,
};
/** Upstream credentials the ECR console writes; ECR reads these two keys. */
const TOKEN_KEY = "accessToken";

/**
 * An ECR pull-through cache: one rule per upstream registry, the credentials ECR pulls with (created with a
 * write-only value, or existing), and a repository creation template so cached repositories are encrypted and
 * expire old images. Tasks and jobs then pull from ECR with IAM alone: no registry credentials on the task, no ECS
 * agent configuration, and cached images survive an upstream outage. `image()` gives the cached form of an image.
 */
export class PullThroughCache extends Construct {
  /** The `aws_ecr_pull_through_cache_rule` of each upstream, in the order given. */
  public readonly rules: EcrPullThroughCacheRule[];
  /** The `aws_ecr_repository_creation_template` of each upstream's prefix, in the order given. */
  public readonly repositoryTemplates: EcrRepositoryCreationTemplate[];
  private readonly upstreams: Upstream[] = [];

  constructor(scope: Construct, id: string, props: PullThroughCacheProps) {
    super(scope, id);
    const fail = constructFail(this, "PullThroughCache");
    checkInput(fail, "props", props, "PullThroughCacheProps");
    if (props.upstreams.length === 0)
      throw fail("upstreams is empty", "give at least one { registry: UpstreamRegistry.DOCKER_HUB, ... }");
    const keep = props.keepImages ?? 50;
    checkNumber(fail, "keepImages", keep, { min: 1, max: 10000 });
    if (props.kmsKeyArn !== undefined) checkKmsKeyArn(fail, props.kmsKeyArn);

    const prefixes = new Set<string>();
    const registries = new Set<string>();
    props.upstreams.forEach((upstream, i) => {
      const at = `upstreams[${i}]`;
      checkEnum(fail, `${at} registry`, upstream.registry, UpstreamRegistry, "UpstreamRegistry", {
        required: true,
        literal: true,
      });
      const spec = UPSTREAMS[upstream.registry];
      const prefix = upstream.repositoryPrefix ?? spec.defaultPrefix;
      checkPrefix(fail, `${at} repositoryPrefix`, prefix);
      if (prefixes.has(prefix))
        throw fail(`${at} repositoryPrefix "${prefix}" is used twice`, "give each upstream its own repositoryPrefix");
      prefixes.add(prefix);
      const azureHost = checkAzure(fail, at, upstream);
      const ecr = checkEcr(fail, at, upstream);
      const ecrHost = ecr && `${ecr.account}.dkr.ecr.${ecr.region}`;
      const key = azureHost ?? ecrHost ?? upstream.registry;
      if (registries.has(key))
        throw fail(`${at} registry ${key} is listed twice`, "give each upstream registry one rule");
      registries.add(key);

      // Ids come from the registry (and Azure host or ECR registry), unique per cache and stable when a prefix changes.
      const id = `${upstream.registry}${azureHost ? `-${azureHost}` : ""}${ecr ? `-${ecr.account}-${ecr.region}` : ""}`;
      const credentialArn = this.credentialsFor(fail, at, upstream, spec, prefix, id);
      const source = spec.url ?? azureHost ?? `${ecrHost}.${dnsSuffixOf(this)}`;
      const role = ecr && upstream.upstreamRoleArn === undefined ? this.upstreamRole(id, ecr, prefix) : undefined;
      const rule = new EcrPullThroughCacheRule(this, id, {
        ecrRepositoryPrefix: prefix,
        upstreamRegistryUrl: source,
        credentialArn,
        customRoleArn: upstream.upstreamRoleArn ?? role?.arn,
        upstreamRepositoryPrefix: upstream.upstreamRepositoryPrefix,
      });
      // Image references name an ECR registry by its host with the commercial or the China partitions' DNS suffix;
      // both are matched whatever the stack's partition, since only one of them can name a registry that exists.
      const hosts =
        spec.imageHosts ?? (ecrHost ? [`${ecrHost}.amazonaws.com`, `${ecrHost}.amazonaws.com.cn`] : [azureHost]);
      const record: Upstream = { prefix, source, hosts, upstreamPrefix: upstream.upstreamRepositoryPrefix, rule, id };
      this.upstreams.push(record);
      if (role && ecr) this.grantUpstreamRole(role, ecr, record);
    });
    this.rules = this.upstreams.map((u) => u.rule);

    const creationRole = props.kmsKeyArn !== undefined ? this.creationRole(props.kmsKeyArn) : undefined;
    this.repositoryTemplates = this.upstreams.map(
      (u) =>
        new EcrRepositoryCreationTemplate(this, `Template-${u.id}`, {
          prefix: u.prefix,
          appliedFor: ["PULL_THROUGH_CACHE"],
          description: literalArgument(`Repositories cached from ${u.source} by ${this.node.path}`),
          // Upstream tags move (latest, 1.27): ECR updates the cached tag on a later pull, which needs mutable tags.
          imageTagMutability: "MUTABLE",
          encryptionConfiguration: [
            props.kmsKeyArn !== undefined
              ? { encryptionType: "KMS", kmsKey: props.kmsKeyArn }
              : { encryptionType: "AES256" },
          ],
          customRoleArn: creationRole?.arn,
          lifecyclePolicy: jsonDocument({
            rules: [
              {
                rulePriority: 1,
                description: `Keep the ${keep} most recent images`,
                selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keep },
                action: { type: "expire" },
              },
            ],
          }),
        }),
    );
    attachPlanChecks(fail, this.rules[0]);
  }

  /**
   * The cached form of an image, as you would write it for its upstream: `nginx:1.27` (Docker Hub official images
   * get their `library/` as Docker adds it), `bitnami/redis:7.4`, `ghcr.io/org/app:1`, `quay.io/org/app:2`. It
   * renders `<account>.dkr.ecr.<region>.<suffix>/<prefix>/<path>:<tag>`, and binding it grants the pulling role
   * what a first and a later pull need on this cache's repositories only.
   * @param reference the image reference at the upstream, with a tag
   */
  public image(reference: string): ContainerImage {
    const fail = failForCall(`PullThroughCache ${this.node.path}.image`, reference);
    checkInput(fail, "reference", reference, "string");
    if (Token.isUnresolved(reference)) {
      throw fail(
        "the reference is a Terraform reference, so its upstream registry cannot be known",
        'pass the image reference as a literal, e.g. "nginx:1.27"',
      );
    }
    const parsed = ImageReference.parse(reference, fail);
    if (parsed.digest !== undefined) {
      throw fail(
        "a digest reference cannot pull an image the cache does not hold yet: ECR imports upstream images by tag",
        "reference the image by tag (name:tag), which works on the first pull and after",
      );
    }
    const upstream = this.upstreams.find((u) => u.hosts.includes(parsed.registryHost));
    if (!upstream) {
      const host = parsed.registryHost ?? "docker.io";
      throw fail(
        `the cache has no rule for ${host}`,
        `add its upstream to upstreams (one of ${Object.keys(UPSTREAMS).join(", ")}), or use ContainerImage.fromRegistry for registries ECR cannot cache`,
      );
    }
    // With an upstream repository prefix, the cache holds `<prefix>/<rest>` for the upstream's
    // `<upstream prefix>/<rest>`.
    let path = parsed.repository;
    if (upstream.upstreamPrefix !== undefined) {
      if (!path.startsWith(`${upstream.upstreamPrefix}/`)) {
        throw fail(
          `the repository "${path}" is not under the rule's upstreamRepositoryPrefix "${upstream.upstreamPrefix}"`,
          `reference an image under ${upstream.upstreamPrefix}/, or widen upstreamRepositoryPrefix`,
        );
      }
      path = path.slice(upstream.upstreamPrefix.length + 1);
    }
    const registryHost = `${upstream.rule.registryId}.dkr.ecr.${regionOf(this)}.${dnsSuffixOf(this)}`;
    const imageName = `${registryHost}/${upstream.prefix}/${path}${parsed.tag !== undefined ? `:${parsed.tag}` : ""}`;
    return ContainerImage._withBinding(imageName, (_scope, role) => {
      this.grantPullFrom(role, upstream);
      return { imageName };
    });
  }

  /**
   * Grants `role` what pulling through every upstream of this cache needs (for a role that pulls images it did not
   * get through `image()`, such as a Batch compute environment's instance role).
   * @returns the role's pull-through inline policy, for `dependsOn`
   */
  public grantPull(role: IRole): IamRolePolicy {
    checkInput(constructFail(this, "PullThroughCache"), "grantPull role", role, "IRole");
    return this.upstreams.map((u) => this.grantPullFrom(role, u))[0];
  }

  private grantPullFrom(role: IRole, upstream: Upstream): IamRolePolicy {
    return RolePolicy.grant(role, ECR_PULL, `${this.node.path}|${upstream.prefix}`, () => ({
      repositories: this.repositoriesOf(upstream),
    }));
  }

  /** The ECR repositories an upstream's images are cached in. */
  private repositoriesOf(upstream: Upstream): string {
    return `arn:${partitionOf(this)}:ecr:${regionOf(this)}:${upstream.rule.registryId}:repository/${upstream.prefix}/*`;
  }

  private credentialsFor(
    fail: Fail,
    at: string,
    upstream: CacheUpstream,
    spec: UpstreamSpec,
    prefix: string,
    id: string,
  ): string | undefined {
    const given = [
      upstream.credentialSecretArn !== undefined,
      upstream.username !== undefined || upstream.accessToken !== undefined,
    ];
    if (!spec.needsCredentials) {
      const why =
        upstream.registry === UpstreamRegistry.ECR
          ? "ECR pulls from another ECR registry with a role: upstreamRoleArn, or the one this construct creates"
          : "ECR pulls its public images anonymously";
      if (given.some((g) => g))
        throw fail(
          `${at} ${upstream.registry} takes no credentials`,
          `remove username, accessToken and credentialSecretArn; ${why}`,
        );
      return undefined;
    }
    if (given[0] && given[1])
      throw fail(
        `${at} has both credentialSecretArn and username/accessToken`,
        "give an existing secret or the values for a new one, not both",
      );
    if (upstream.credentialSecretArn !== undefined) {
      checkCredentialSecretArn(fail, `${at} credentialSecretArn`, upstream.credentialSecretArn);
      return upstream.credentialSecretArn;
    }
    if (upstream.username === undefined || upstream.accessToken === undefined) {
      throw fail(
        `${at} ${upstream.registry} needs credentials`,
        "give username and accessToken (a Terraform reference), or credentialSecretArn of an existing ecr-pullthroughcache/ secret",
      );
    }
    checkUsername(fail, `${at} username`, upstream.username);
    checkSecretValue(this, fail, `${at} accessToken`, upstream.accessToken);
    const version = upstream.accessTokenVersion ?? 1;
    checkSecretVersion(fail, `${at} accessTokenVersion`, version);
    const scope = new Construct(this, `Credentials-${id}`);
    const created = createWriteOnlySecret(scope, {
      // A prefix, not a fixed name: a destroyed secret keeps its name through its recovery window.
      namePrefix: `${SECRET_NAME_PREFIX}${prefix}-`,
      description: `Upstream credentials of the ${upstream.registry} pull-through cache rule ${this.node.path}`,
      value: { username: upstream.username, [TOKEN_KEY]: upstream.accessToken },
      version,
    });
    return created.completeArn;
  }

  /**
   * The role ECR assumes for an ECR upstream (the rule's `custom_role_arn`): trusted by ECR's pull-through cache,
   * which accepts only a role in the cache's own account, so no other account's rule can use it.
   */
  private upstreamRole(id: string, ecr: EcrUpstream, prefix: string): IamRole {
    return new IamRole(this, `UpstreamRole-${id}`, {
      namePrefix: "ecr-ptc-upstream-",
      description: literalArgument(
        `ECR pulls from ${ecr.account}.dkr.ecr.${ecr.region} into ${prefix}/ of ${this.node.path} with this role`,
      ),
      assumeRolePolicy: jsonDocument(assumeRolePolicy("pullthroughcache.ecr.amazonaws.com")),
    });
  }

  /** Read on the upstream's repositories under its prefix, write on this upstream's cached repositories only. */
  private grantUpstreamRole(role: IamRole, ecr: EcrUpstream, upstream: Upstream): void {
    const under = upstream.upstreamPrefix === undefined ? "" : `${upstream.upstreamPrefix}/`;
    new IamRolePolicy(role, "Policy", {
      name: "pull-from-upstream-registry",
      role: role.name,
      policy: jsonDocument(
        ecrUpstreamPolicy({
          upstreamRepositories: `arn:${partitionOf(this)}:ecr:${ecr.region}:${ecr.account}:repository/${under}*`,
          cacheRepositories: this.repositoriesOf(upstream),
        }),
      ),
    });
  }

  /** The role ECR assumes to create cached repositories encrypted with `kmsKeyArn` (AWS requires one for KMS). */
  private creationRole(kmsKeyArn: string): IamRole {
    const role = new IamRole(this, "RepositoryCreationRole", {
      namePrefix: "ecr-ptc-create-",
      description: literalArgument(`ECR creates the cached repositories of ${this.node.path} with this role`),
      assumeRolePolicy: jsonDocument(assumeRolePolicy("ecr.amazonaws.com")),
    });
    const repositories = this.upstreams.map((u) => this.repositoriesOf(u));
    new IamRolePolicy(role, "Policy", {
      name: "create-cached-repositories",
      role: role.name,
      policy: jsonDocument(repositoryCreationPolicy({ repositories, kmsKeyArn })),
    });
    return role;
  }
}

function checkPrefix(fail: Fail, prop: string, prefix: string): void {
  if (Token.isUnresolved(prefix)) return;
  if (prefix.length < 2 || prefix.length > 30 || !REPOSITORY_PREFIX.test(prefix)) {
    throw fail(
      `${prop} "${prefix}" is not an ECR repository prefix`,
      "use 2-30 lowercase letters and digits, separated by '.', '_', '-' or '/'",
    );
  }
}

function checkAzure(fail: Fail, at: string, upstream: CacheUpstream): string | undefined {
  const host = upstream.azureRegistryHost;
  if (upstream.registry !== UpstreamRegistry.AZURE) {
    if (host !== undefined) throw fail(`${at} azureRegistryHost is for UpstreamRegistry.AZURE only`, "remove it");
    return undefined;
  }
  if (host === undefined)
    throw fail(`${at} AZURE needs azureRegistryHost`, "give the registry's host, <name>.azurecr.io");
  if (Token.isUnresolved(host)) {
    throw fail(
      `${at} azureRegistryHost is a Terraform reference`,
      "give the host as a literal: images are matched to their upstream by it at synth",
    );
  }
  if (!AZURE_HOST.test(host)) {
    throw fail(
      `${at} azureRegistryHost "${host}" is not an Azure Container Registry host`,
      "use <name>.azurecr.io, the name being 5-50 lowercase letters and digits",
    );
  }
  return host;
}

/** An ECR upstream's registry, checked; undefined for other upstreams, which must not have its props. */
function checkEcr(fail: Fail, at: string, upstream: CacheUpstream): EcrUpstream | undefined {
  const props = {
    ecrAccountId: upstream.ecrAccountId,
    ecrRegion: upstream.ecrRegion,
    upstreamRoleArn: upstream.upstreamRoleArn,
    upstreamRepositoryPrefix: upstream.upstreamRepositoryPrefix,
  };
  if (upstream.registry !== UpstreamRegistry.ECR) {
    // ECR's guide: the upstream repository prefix and the custom role are for ECR-to-ECR rules.
    const given = Object.entries(props)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (given.length > 0)
      throw fail(
        `${at} ${given.join(" and ")} ${given.length === 1 ? "is" : "are"} for UpstreamRegistry.ECR only`,
        "remove them",
      );
    return undefined;
  }
  const { ecrAccountId: account, ecrRegion: region } = props;
  if (account === undefined || region === undefined)
    throw fail(
      `${at} ECR needs ecrAccountId and ecrRegion`,
      "give the upstream registry's 12-digit account id and its region",
    );
  if (Token.isUnresolved(account) || Token.isUnresolved(region)) {
    throw fail(
      `${at} ecrAccountId or ecrRegion is a Terraform reference`,
      "give them as literals: images are matched to their upstream by its host at synth",
    );
  }
  if (!ACCOUNT_ID.test(account))
    throw fail(
      `${at} ecrAccountId "${account}" is not an AWS account id`,
      "use the 12 digits of the upstream registry's account",
    );
  if (!REGION.test(region))
    throw fail(`${at} ecrRegion "${region}" is not an AWS region`, "use a region name such as us-west-2");
  checkRoleArn(
    fail,
    `${at} upstreamRoleArn`,
    upstream.upstreamRoleArn,
    "pass arn:aws:iam::<account>:role/<name>, a role in this cache's account, or leave it unset to create one",
  );
  if (upstream.upstreamRepositoryPrefix !== undefined)
    checkPrefix(fail, `${at} upstreamRepositoryPrefix`, upstream.upstreamRepositoryPrefix);
  if (upstream.upstreamRepositoryPrefix !== undefined && Token.isUnresolved(upstream.upstreamRepositoryPrefix)) {
    throw fail(
      `${at} upstreamRepositoryPrefix is a Terraform reference`,
      "give it as a literal: cached image names are computed from it at synth",
    );
  }
  return { account, region };
}

function checkCredentialSecretArn(fail: Fail, prop: string, arn: string): void {
  if (checkSecretArn(fail, arn) === undefined) return;
  const name = arn.slice(arn.indexOf(":secret:") + ":secret:".length);
  if (!name.startsWith(SECRET_NAME_PREFIX)) {
    throw fail(
      `${prop} names the secret "${name}", which ECR will not read`,
      `use a secret whose name starts with ${SECRET_NAME_PREFIX}, or give username and accessToken to create one`,
    );
  }
  if (!endsLikeSuffix(arn)) {
    throw fail(
      `${prop} is not a complete secret ARN`,
      "pass the complete ARN, with the 6-character suffix Secrets Manager appends",
    );
  }
}
