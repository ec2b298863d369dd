import { failFor } from "../private/fail";
import { renderUserData } from "../private/user-data";

/** One registry whose credentials the ECS agent should hold. */
export interface RegistryAuth {
  /** Registry host (`docker.io`, `quay.io`, `registry.example.com:5000`), as a literal. */
  readonly registry: string;
  /** Complete ARN of the secret holding `{"username", "password"}`; may be a Terraform reference. */
  readonly secretArn: string;
}

/** An extra MIME part of the user data, e.g. your own `text/x-shellscript` or `text/cloud-config`. */
export interface UserDataPart {
  /** MIME type, e.g. `text/x-shellscript`, `text/cloud-config`, `text/cloud-boothook`. */
  readonly contentType: string;
  /** The part's body. */
  readonly content: string;
}

/** Options of `EcsAgentAuthUserData.render`. */
export interface EcsAgentAuthUserDataOptions {
  /** At least one registry; each registry host at most once. */
  readonly registries: RegistryAuth[];
  /**
   * Parts placed before ours, in order.
   * @default - none
   */
  readonly extraParts?: UserDataPart[];
}

/**
 * The user data `batch.ComputeEnvironment` gives its instances, for launch templates of your own: MIME multipart
 * (AWS Batch merges its own part into it) whose cloud-config part installs a boot script that writes the ECS
 * agent's registry credentials at first boot. The instance role must be able to read the secrets
 * (`RegistryCredentials.grantRead`).
 */
export class EcsAgentAuthUserData {
  /** The complete MIME multipart document. It may hold Terraform references (secret ARNs). */
  public static render(options: EcsAgentAuthUserDataOptions): string {
    const fail = failFor("batch.EcsAgentAuthUserData.render");
    return renderUserData(fail, { ...options, registriesProp: "registries", partsProp: "extraParts" });
  }

  private constructor() {}
}
