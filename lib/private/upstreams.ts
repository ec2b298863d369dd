import type { UpstreamRegistry } from "../upstream-registry";

/**
 * The upstream registries an ECR pull-through cache rule can mirror (ECR user guide, "Sync an upstream registry with
 * an Amazon ECR private registry", checked 2026-11): the URL the rule takes, whether ECR needs a Secrets Manager
 * secret to authenticate upstream, the repository prefix the ECR console proposes, and the host image references
 * use for that registry.
 */
export interface UpstreamSpec {
  /** `upstream_registry_url`; undefined for Azure, whose URL is the user's own `<name>.azurecr.io`. */
  readonly url?: string;
  readonly needsCredentials: boolean;
  readonly defaultPrefix: string;
  /** Hosts image references use for it, as Docker writes them; undefined for Azure (the user's host). */
  readonly imageHosts?: readonly (string | undefined)[];
}

// Keyed by the enum, so a registry added to UpstreamRegistry without its row here does not compile.
export const UPSTREAMS: Record<UpstreamRegistry, UpstreamSpec> = {
  DOCKER_HUB: {
    url: "registry-1.docker.io",
    needsCredentials: true,
    defaultPrefix: "docker-hub",
    imageHosts: [undefined, "docker.io", "index.docker.io", "registry-1.docker.io"],
  },
  GITHUB: { url: "ghcr.io", needsCredentials: true, defaultPrefix: "github", imageHosts: ["ghcr.io"] },
  GITLAB: {
    url: "registry.gitlab.com",
    needsCredentials: true,
    defaultPrefix: "gitlab",
    imageHosts: ["registry.gitlab.com"],
  },
  AZURE: { needsCredentials: true, defaultPrefix: "azure" },
  CHAINGUARD: { url: "cgr.dev", needsCredentials: true, defaultPrefix: "chainguard", imageHosts: ["cgr.dev"] },
  QUAY: { url: "quay.io", needsCredentials: false, defaultPrefix: "quay", imageHosts: ["quay.io"] },
  ECR_PUBLIC: {
    url: "public.ecr.aws",
    needsCredentials: false,
    defaultPrefix: "ecr-public",
    imageHosts: ["public.ecr.aws"],
  },
  KUBERNETES: {
    url: "registry.k8s.io",
    needsCredentials: false,
    defaultPrefix: "kubernetes",
    imageHosts: ["registry.k8s.io"],
  },
  // Another ECR private registry: its URL is its account's and region's host; ECR pulls with an IAM role.
  ECR: { needsCredentials: false, defaultPrefix: "ecr" },
};

/** An AWS account id. */
export const ACCOUNT_ID = /^[0-9]{12}$/;
/** A region name as AWS writes them (us-east-1, ap-southeast-5, us-gov-west-1, eu-isoe-west-1). */
export const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;

/** ECR's rule for `ecr_repository_prefix` (2 to 30 characters); `ROOT` and a trailing slash are left out on purpose. */
export const REPOSITORY_PREFIX = /^(?:[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*\/)*[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
/** An Azure Container Registry host: 5 to 50 lowercase letters or digits, then `.azurecr.io`. */
export const AZURE_HOST = /^[a-z0-9]{5,50}\.azurecr\.io$/;
/** ECR reads upstream credentials only from secrets whose name starts with this. */
export const SECRET_NAME_PREFIX = "ecr-pullthroughcache/";
