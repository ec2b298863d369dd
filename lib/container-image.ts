import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { RegistryCredentials } from "./credentials";
import { failFor, failForCall } from "./private/fail";
import { ImageReference } from "./private/image-reference";
import type { IRole } from "./role";
import { checkInput } from "./private/boundary";

/** Options of `ContainerImage.fromRegistry`. */
export interface RegistryImageOptions {
  /**
   * Credentials for a private registry.
   * @default - the image is pulled anonymously (public images, or ECR through the pulling role)
   */
  readonly credentials?: RegistryCredentials;
}

/** What a container definition needs from its image, once the image is bound to the role that pulls it. */
export interface ContainerImageConfig {
  /** The image reference for the container definition's `image`. */
  readonly imageName: string;
  /**
   * The secret for `repositoryCredentials.credentialsParameter`.
   * @default - none: the image is pulled without registry credentials
   */
  readonly credentialsParameter?: string;
  /**
   * The container definition's `repositoryCredentials` member, ready to put into a document of your own.
   * @default - none: the image is pulled without registry credentials
   */
  readonly repositoryCredentials?: RepositoryCredentialsConfig;
}

/** A container definition's `repositoryCredentials` member. */
export interface RepositoryCredentialsConfig {
  /** The ARN of the secret that holds the registry credentials. */
  readonly credentialsParameter: string;
}

/** A container image in any registry, optionally with the credentials needed to pull it. */
export class ContainerImage {
  /**
   * An image by reference: `nginx:1.27`, `myorg/app@sha256:...`, `quay.io/org/app:v1`,
   * `registry.example.com:5000/team/app:2`. Literal references are validated now; a Terraform reference is
   * passed through unchecked.
   * @param name the image reference
   */
  public static fromRegistry(name: string, options: RegistryImageOptions = {}): ContainerImage {
    const fail = failForCall("ContainerImage.fromRegistry", name);
    checkInput(fail, "name", name, "string");
    checkInput(fail, "options", options, "RegistryImageOptions", true);
    const credentials = options?.credentials;
    if (Token.isUnresolved(name)) return ContainerImage.fromRegistryWith(name, credentials);
    const reference = ImageReference.parse(name, fail);
    if (credentials && reference.isEcr) {
      throw fail(
        "Amazon ECR images are pulled with the execution role's IAM permissions, not registry credentials",
        "drop the credentials option for ECR images",
      );
    }
    const declared = credentials?._authKey;
    if (declared !== undefined && !Token.isUnresolved(declared) && declared !== reference.authKey) {
      throw fail(
        `the image is in registry "${reference.authKey}" but its credentials are for "${credentials!.registry}"`,
        "use the credentials of the image's registry, or fix the image's registry host",
      );
    }
    return ContainerImage.fromRegistryWith(name, credentials);
  }

  private static fromRegistryWith(name: string, credentials: RegistryCredentials | undefined): ContainerImage {
    return new ContainerImage(name, (scope, role) => {
      if (!credentials) return { imageName: name };
      credentials._bind(scope, role);
      return { imageName: name, credentialsParameter: credentials.secretArn };
    });
  }

  /**
   * @internal An image of another kind (a pull-through cache's), defined by how it binds. Kinds live in their own
   * files and come here, so this file never needs to know them.
   */
  public static _withBinding(
    imageName: string,
    bind: (scope: IConstruct, pullRole: IRole) => ContainerImageConfig,
  ): ContainerImage {
    return new ContainerImage(imageName, bind);
  }

  private constructor(
    /** The image reference the container definition gets. */
    public readonly imageName: string,
    private readonly binding: (scope: IConstruct, pullRole: IRole) => ContainerImageConfig,
  ) {}

  /**
   * Binds the image to the role that pulls it (the execution role of a task or job): grants that role what
   * pulling needs (read on a registry secret, or the pull-through cache's repositories), warns on `scope` about a
   * reference that may fail at run time, and returns what a container definition needs. Every task and job
   * definition of this library calls this, and only this; call it yourself to put the image into an
   * `EcsTaskDefinition` or `BatchJobDefinition` of your own (`image` and `repositoryCredentials`).
   * @param scope the construct that uses the image (warnings are attached to it)
   * @param pullRole the execution role that pulls the image
   */
  public bind(scope: IConstruct, pullRole: IRole): ContainerImageConfig {
    checkInput(failFor("ContainerImage.bind"), "pullRole", pullRole, "IRole");
    const config = this.binding(scope, pullRole);
    return config.credentialsParameter === undefined
      ? config
      : { ...config, repositoryCredentials: { credentialsParameter: config.credentialsParameter } };
  }
}
