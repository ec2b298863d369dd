/** An upstream registry an ECR pull-through cache can mirror. */
export enum UpstreamRegistry {
  /** Docker Hub (`registry-1.docker.io`); needs credentials. */
  DOCKER_HUB = "DOCKER_HUB",
  /** GitHub Container Registry (`ghcr.io`); needs credentials. */
  GITHUB = "GITHUB",
  /** GitLab Container Registry, GitLab.com only (`registry.gitlab.com`); needs credentials. */
  GITLAB = "GITLAB",
  /** Microsoft Azure Container Registry (`<name>.azurecr.io`); needs credentials and `azureRegistryHost`. */
  AZURE = "AZURE",
  /** Chainguard Registry (`cgr.dev`); needs credentials. */
  CHAINGUARD = "CHAINGUARD",
  /** Quay (`quay.io`), public images without credentials. */
  QUAY = "QUAY",
  /** Amazon ECR Public (`public.ecr.aws`), without credentials. */
  ECR_PUBLIC = "ECR_PUBLIC",
  /** The Kubernetes registry (`registry.k8s.io`), without credentials. */
  KUBERNETES = "KUBERNETES",
  /**
   * Another Amazon ECR private registry (`<account>.dkr.ecr.<region>.amazonaws.com`), in another account or region;
   * needs `ecrAccountId` and `ecrRegion`. ECR pulls with an IAM role (`upstreamRoleArn`, or one created), not with
   * credentials; the upstream registry's owner must allow this account in its registry policy.
   */
  ECR = "ECR",
}
