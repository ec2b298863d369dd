import { Token } from "cdktf";
import { RegistryCredentials } from "./credentials";
import { ImageReference } from "./image-reference";
import { configError } from "./private/errors";

export interface RegistryImageOptions {
  /**
   * Credentials for a private registry.
   * @default - the image is pulled anonymously (public images, or ECR through the execution role)
   */
  readonly credentials?: RegistryCredentials;
}

/** A container image in any registry, optionally with the credentials needed to pull it. */
export class ContainerImage {
  /**
   * An image by reference: `nginx:1.27`, `myorg/app@sha256:...`, `quay.io/org/app:v1`,
   * `registry.example.com:5000/team/app:2`. Literal references are validated now; a Terraform reference is
   * passed through unchecked.
   */
  public static fromRegistry(name: string, options: RegistryImageOptions = {}): ContainerImage {
    if (Token.isUnresolved(name)) return new ContainerImage(name, undefined, options.credentials);
    const reference = ImageReference.parse(name);
    const who = `ContainerImage.fromRegistry(${JSON.stringify(name)})`;
    const credentials = options.credentials;
    if (credentials && reference.isEcr) {
      throw configError(who, "Amazon ECR images are pulled with the execution role's IAM permissions, not registry credentials", "drop the credentials option for ECR images");
    }
    const declared = credentials?.registryAuthKey;
    if (declared !== undefined && !Token.isUnresolved(declared) && declared !== reference.authKey) {
      throw configError(who, `the image is in registry "${reference.authKey}" but its credentials are for "${credentials!.registry}"`, "use the credentials of the image's registry, or fix the image's registry host");
    }
    return new ContainerImage(name, reference, credentials);
  }

  private constructor(
    /** The reference the container definition uses. */
    public readonly imageName: string,
    /** The parsed reference, or undefined when the name is a Terraform reference. */
    public readonly reference: ImageReference | undefined,
    /** Credentials to pull with, if the registry is private. */
    public readonly credentials: RegistryCredentials | undefined,
  ) {}
}
