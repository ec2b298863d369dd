import { Fail, failFor } from "./fail";
import { authKeyForHost, DOCKER_HUB_HOSTS, isRegistryHost } from "./registry-host";

// Grammar of github.com/distribution/reference, rewritten as anchored pieces so each failure can be named.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
// The digests registries serve and pull by: OCI's registered algorithms, in lowercase hex of their exact length
// (OCI image spec, "Digests"); Docker's grammar allows any algorithm, which no registry answers.
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
// ECR's registry hosts, IPv4 and dual-stack (ECR user guide, "Amazon ECR endpoints"), FIPS and China included.
const ECR_HOST =
  /^\d{12}\.(?:dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?|dkr-ecr(?:-fips)?\.[a-z0-9-]+\.(?:on\.aws|on\.amazonwebservices\.com\.cn))$/;
const MAX_NAME_LENGTH = 255;

/** A container image reference split into its parts, validated against the Docker reference grammar. */
export class ImageReference {
  /**
   * Parses `[registry[:port]/]repository[:tag][@digest]`. A first path component is a registry host only when it
   * contains `.` or `:`, is `localhost`, or has capitals, exactly as Docker decides; otherwise the image is on
   * Docker Hub. Throws an error that quotes the reference and says how to fix it, as `bad`: the caller's source.
   */
  public static parse(
    reference: string,
    bad: Fail = failFor(`ContainerImage.fromRegistry(${JSON.stringify(reference)})`),
  ): ImageReference {
    if (reference.trim() !== reference || reference === "") {
      throw bad(
        "the image reference is empty or has surrounding whitespace",
        'pass the bare reference, e.g. "myorg/app:1.2"',
      );
    }

    let rest = reference;
    let digest: string | undefined;
    const at = rest.indexOf("@");
    if (at >= 0) {
      digest = rest.slice(at + 1);
      rest = rest.slice(0, at);
      if (!DIGEST.test(digest)) {
        throw bad(
          `"${digest}" is not a digest registries serve`,
          "use sha256: and 64 lowercase hex digits (or sha512: and 128), as `docker inspect` prints it",
        );
      }
    }

    let tag: string | undefined;
    const lastSlash = rest.lastIndexOf("/");
    const colon = rest.lastIndexOf(":");
    if (colon > lastSlash) {
      tag = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
      if (!TAG.test(tag)) {
        throw bad(
          `"${tag}" is not a valid tag`,
          "use up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'",
        );
      }
    }

    if (rest.length > MAX_NAME_LENGTH) {
      throw bad(
        `the image name is ${rest.length} characters long`,
        `keep registry and repository within ${MAX_NAME_LENGTH} characters`,
      );
    }
    const parts = rest.split("/");
    const first = parts[0];
    const looksLikeHost = /[.:]/.test(first) || first === "localhost";
    if (parts.length > 1 && !looksLikeHost && first !== first.toLowerCase()) {
      // Docker would take a capitalised first component for a registry host; that is almost never what is meant.
      throw bad(
        `"${first}" has capitals, so Docker would take it for a registry host, yet it has no '.' or ':'`,
        "write Docker Hub namespaces in lowercase, or give the registry's full host name",
      );
    }
    const hasRegistry = parts.length > 1 && looksLikeHost;
    const registry = hasRegistry ? parts.shift()! : undefined;
    if (registry !== undefined && !isRegistryHost(registry)) {
      throw bad(
        `"${registry}" is not a valid registry host`,
        "use a host name or IP with an optional :port, e.g. registry.example.com:5000",
      );
    }
    for (const component of parts) {
      if (!PATH_COMPONENT.test(component)) {
        const hint =
          component !== component.toLowerCase()
            ? "repository paths must be lowercase"
            : "use lowercase letters and digits separated by '.', '_', '__' or '-'";
        throw bad(`repository path component "${component}" is invalid`, hint);
      }
    }
    if ((registry === undefined || DOCKER_HUB_HOSTS.includes(registry)) && parts.length === 1) parts.unshift("library");
    return new ImageReference(reference, registry, parts.join("/"), tag, digest);
  }

  private constructor(
    /** The reference exactly as given; this is what the container definition uses. */
    public readonly imageName: string,
    /** The registry host (with port) as written, or undefined for Docker Hub. */
    public readonly registryHost: string | undefined,
    /** The repository path; Docker Hub official images get their implicit `library/` prefix. */
    public readonly repository: string,
    /** The tag, if one was given. */
    public readonly tag: string | undefined,
    /** The digest, if one was given. */
    public readonly digest: string | undefined,
  ) {}

  /** True when the image lives on Docker Hub (no registry host, or one of Docker Hub's own names). */
  public get isDockerHub(): boolean {
    return this.registryHost === undefined || DOCKER_HUB_HOSTS.includes(this.registryHost);
  }

  /** True for Amazon ECR private registries, which authenticate through IAM rather than a secret. */
  public get isEcr(): boolean {
    return this.registryHost !== undefined && ECR_HOST.test(this.registryHost);
  }

  /**
   * The key the ECS agent uses to find credentials for this image in `ECS_ENGINE_AUTH_DATA`: Docker Hub's fixed
   * index URL, or the registry host as written.
   */
  public get authKey(): string {
    return authKeyForHost(this.registryHost);
  }
}
