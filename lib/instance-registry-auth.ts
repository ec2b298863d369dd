import { Construct } from "constructs";
import type { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { LaunchTemplateMetadataOptions } from "@cdktf/provider-aws/lib/launch-template";
import { RegistryCredentials } from "./credentials";
import type { IRole } from "./role";
import type { UserDataPart } from "./user-data-part";
import { constructFail } from "./private/fail";
import { InstanceAuth, instanceAuth, INSTANCE_METADATA_OPTIONS } from "./private/instance-auth";
import { checkInput } from "./private/boundary";

/** Props of `InstanceRegistryAuth`. */
export interface InstanceRegistryAuthProps {
  /**
   * Credentials the ECS agent on every instance gets, one per registry; each must name its registry
   * (`RegistrySecret` does; for `RegistryCredentials.fromSecretCompleteArn` pass `{ registry }`).
   */
  readonly registryCredentials: RegistryCredentials[];
  /**
   * The ECS cluster the instances join: written to the agent's configuration as `ECS_CLUSTER` (a literal, or a
   * Terraform reference such as `cluster.name`), with `ECS_AWSVPC_BLOCK_IMDS=true` so awsvpc tasks cannot reach the
   * instance metadata service and borrow the instance role. Leave unset where a service sets it, as AWS Batch does.
   * @default - not written; the agent joins the cluster named `default`
   */
  readonly clusterName?: string;
  /**
   * Your own user-data parts, placed before ours.
   * @default - none
   */
  readonly userDataParts?: UserDataPart[];
  /**
   * Re-read the registry secrets on every instance this often (5 to 1440 minutes, with a random delay of up to a fifth
   * of it), so a rotated password reaches running instances: a systemd timer re-runs the boot script, which rewrites
   * the credentials and restarts the ECS agent only when a secret changed. Restarting the agent leaves running
   * tasks running.
   * @default - the secrets are read once, at first boot
   */
  readonly refreshCredentialsMinutes?: number;
}

/**
 * Private-registry credentials for the ECS agent of every instance a launch template starts: ECS container
 * instances and AWS Batch instances alike. It renders the user data (a boot script that writes
 * `ECS_ENGINE_AUTH_DATA` from the secrets, your parts merged before it), gives the metadata options that keep
 * containers from borrowing the instance role, and grants instance roles read on the secrets. Put `userDataBase64`
 * and `metadataOptions` on your `LaunchTemplate` and call `grantRead(instanceRole)`; `ecs.AsgCapacityProvider` and
 * `batch.ComputeEnvironment` do this for the fleets they create. It creates no resource itself.
 */
export class InstanceRegistryAuth extends Construct {
  /** The MIME multipart user data (before base64), for review and tests; may hold Terraform references. */
  public readonly userData: string;
  /** The user data as a launch template's `userData` takes it: Terraform base64-encodes it at apply. */
  public readonly userDataBase64: string;
  /**
   * IMDSv2 only with a hop limit of 1, for the launch template's `metadataOptions`: bridge-mode containers cannot
   * reach the instance metadata service (awsvpc tasks are blocked by `clusterName`'s agent setting; host-mode
   * containers share the instance's network and cannot be kept out).
   */
  public readonly metadataOptions: LaunchTemplateMetadataOptions = { ...INSTANCE_METADATA_OPTIONS };
  private readonly auth: InstanceAuth;

  constructor(scope: Construct, id: string, props: InstanceRegistryAuthProps) {
    super(scope, id);
    const fail = constructFail(this, "InstanceRegistryAuth");
    checkInput(fail, "props", props, "InstanceRegistryAuthProps");
    this.auth = instanceAuth(fail, { ...props, withoutCredentials: "pass at least one RegistryCredentials" });
    this.userData = this.auth.userData;
    this.userDataBase64 = this.auth.userDataBase64;
  }

  /**
   * Grants an instance role read on every registry's secret (and decrypt on customer-managed keys through Secrets
   * Manager), in the role's one secret-read inline policy.
   * @returns that policy, for `dependsOn`
   */
  public grantRead(role: IRole): IamRolePolicy {
    checkInput(constructFail(this, "InstanceRegistryAuth"), "grantRead role", role, "IRole");
    return this.auth.grantRead(this, role);
  }
}
