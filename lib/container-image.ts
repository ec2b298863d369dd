import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { RegistryCredentials } from "./credentials";
import { failFor } from "./private/fail";
import { ImageReference } from "./private/image-reference";
import type { IRole } from "./role";

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
    const credentials = options.credentials;
    if (Token.isUnresolved(name)) return new ContainerImage(name, credentials);
    const reference = ImageReference.parse(name);
    const fail = failFor(`ContainerImage.fromRegistry(${JSON.stringify(name)})`);
    if (credentials && reference.isEcr) {
      throw fail("Amazon ECR images are pulled with the execution role's IAM permissions, not registry credentials", "drop the credentials option for ECR images");
    }
    const declared = credentials?._authKey;
    if (declared !== undefined && !Token.isUnresolved(declared) && declared !== reference.authKey) {
      throw fail(`the image is in registry "${reference.authKey}" but its credentials are for "${credentials!.registry}"`, "use the credentials of the image's registry, or fix the image's registry host");
    }
    return new ContainerImage(name, credentials);
  }

  private constructor(
    /** The image reference as given. */
    public readonly imageName: string,
    private readonly credentials: RegistryCredentials | undefined,
  ) {}

  /**
   * @internal Binds the image to the role that pulls it (the execution role of a task or job): grants that role
   * read on the image's registry secret, warns on `scope` about a reference that may fail at run time, and returns
   * what the container definition needs. Every consumer of images calls this, and only this.
   */
  public _bind(scope: IConstruct, pullRole: IRole): ContainerImageConfig {
    if (!this.credentials) return { imageName: this.imageName };
    this.credentials._bind(scope, pullRole);
    return { imageName: this.imageName, credentialsParameter: this.credentials.secretArn };
  }
}
