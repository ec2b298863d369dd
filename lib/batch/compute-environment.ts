import { Construct } from "constructs";
import { Annotations, Token } from "cdktf";
import { BatchComputeEnvironment } from "@cdktf/provider-aws/lib/batch-compute-environment";
import type { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { RegistryCredentials } from "../credentials";
import { constructFail } from "../private/fail";
import { checkNumber, checkOrder } from "../private/numbers";
import { checkName } from "../private/names";
import {
  checkAmiId,
  checkInstanceTypes,
  checkSecurityGroupIds,
  checkSubnetIds,
  checkTags,
  checkRoleArn,
} from "../private/aws-values";
import { createInstanceRole, instanceAuth, INSTANCE_METADATA_OPTIONS } from "../private/instance-auth";
import { computeEnvironmentNameConfig } from "../private/provider-compat";
import type { UserDataPart } from "../user-data-part";
import { checkInput } from "../private/boundary";
import { attachPlanChecks } from "../private/plan-checks";
import { literalArgument } from "../private/terraform-expression";

/** How Batch picks instance types. */
export enum AllocationStrategy {
  /** The cheapest type that fits; not updatable in place, so a user-data change would not reach running capacity. */
  BEST_FIT = "BEST_FIT",
  /** Like BEST_FIT, widening to other types when those are short; On-Demand's default here. */
  BEST_FIT_PROGRESSIVE = "BEST_FIT_PROGRESSIVE",
  /** Spot only: the pools least likely to be interrupted. */
  SPOT_CAPACITY_OPTIMIZED = "SPOT_CAPACITY_OPTIMIZED",
  /** Spot only: low price and low interruption together; Spot's default here. */
  SPOT_PRICE_CAPACITY_OPTIMIZED = "SPOT_PRICE_CAPACITY_OPTIMIZED",
}

/** The ECS-optimized AMI family Batch launches. */
export enum ImageType {
  /** Amazon Linux 2023, Batch's default for new compute environments. */
  ECS_AL2023 = "ECS_AL2023",
  /** Amazon Linux 2. */
  ECS_AL2 = "ECS_AL2",
  /** Amazon Linux 2 with NVIDIA drivers, for GPU instances. */
  ECS_AL2_NVIDIA = "ECS_AL2_NVIDIA",
}

/** Props of `batch.ComputeEnvironment`. */
export interface ComputeEnvironmentProps {
  /**
   * Credentials the ECS agent on every instance gets, one per registry; each must name its registry
   * (`RegistrySecret` does; for `RegistryCredentials.fromSecretCompleteArn` pass `{ registry }`).
   */
  readonly registryCredentials: RegistryCredentials[];
  /** Subnets the instances launch in. */
  readonly subnetIds: string[];
  /** Security groups of the instances; they must allow egress to the registries and to Secrets Manager. */
  readonly securityGroupIds: string[];
  /**
   * Run on Spot capacity instead of On-Demand.
   * @default false
   */
  readonly spot?: boolean;
  /**
   * Compute environment name (1-128 letters, digits, '-' or '_').
   * @default - Terraform generates a unique name
   */
  readonly name?: string;
  /**
   * Instance types or families.
   * @default ["optimal"]
   */
  readonly instanceTypes?: string[];
  /**
   * vCPUs kept running when idle.
   * @default 0
   */
  readonly minVcpus?: number;
  /**
   * The most vCPUs the environment scales to.
   * @default 256
   */
  readonly maxVcpus?: number;
  /**
   * How Batch picks instance types.
   * @default BEST_FIT_PROGRESSIVE On-Demand, SPOT_PRICE_CAPACITY_OPTIMIZED on Spot
   */
  readonly allocationStrategy?: AllocationStrategy;
  /**
   * Spot only: the most to pay, as a percentage of the On-Demand price.
   * @default - up to the On-Demand price
   */
  readonly bidPercentage?: number;
  /**
   * The ECS-optimized AMI family.
   * @default ImageType.ECS_AL2023
   */
  readonly imageType?: ImageType;
  /**
   * A custom ECS-optimized AMI.
   * @default - the latest AMI of `imageType`
   */
  readonly imageId?: string;
  /**
   * Batch service role. Leave unset to use the service-linked role, which infrastructure updates (how a new
   * launch-template version reaches instances) require.
   * @default - the AWSServiceRoleForBatch service-linked role
   */
  readonly serviceRoleArn?: string;
  /**
   * Your own user-data parts, placed before ours.
   * @default - none
   */
  readonly userDataParts?: UserDataPart[];
  /**
   * Re-read the registry secrets on every instance this often (5 to 1440 minutes, with a random delay of up to a fifth
   * of it), so a rotated password reaches running instances: a systemd timer re-runs the boot script, which rewrites
   * the credentials and restarts the ECS agent only when a secret changed. Restarting the agent leaves running jobs
   * running.
   * @default - the secrets are read once, at first boot
   */
  readonly refreshCredentialsMinutes?: number;
  /**
   * Minutes running jobs get to finish when an update replaces instances.
   * @default 30
   */
  readonly updateTimeoutMinutes?: number;
  /**
   * Whether the environment accepts jobs.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Tags of the compute environment and its launch template.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A managed EC2 or Spot compute environment whose instances give the ECS agent private-registry credentials at
 * boot, so every job on it can pull private images, including jobs whose definitions carry no credentials.
 */
export class ComputeEnvironment extends Construct {
  /** The `aws_batch_compute_environment`. */
  public readonly resource: BatchComputeEnvironment;
  /** The launch template carrying the user data; the compute environment follows its latest version. */
  public readonly launchTemplate: LaunchTemplate;
  /** Role of the instances: ECS container-instance permissions plus read on exactly the registry secrets. */
  public readonly instanceRole: IamRole;
  /** The instance profile of `instanceRole`. */
  public readonly instanceProfile: IamInstanceProfile;
  /** The rendered MIME user data (before base64), for review and tests; may contain Terraform references. */
  public readonly userData: string;

  constructor(scope: Construct, id: string, props: ComputeEnvironmentProps) {
    super(scope, id);
    const fail = constructFail(this, "batch.ComputeEnvironment");
    checkInput(fail, "props", props, "batch.ComputeEnvironmentProps");
    if (props.name !== undefined) checkName(fail, "name", props.name, 128);
    const auth = instanceAuth(fail, {
      ...props,
      withoutCredentials: "pass at least one RegistryCredentials (or use a plain aws_batch_compute_environment)",
    });
    checkSubnetIds(fail, props.subnetIds);
    checkSecurityGroupIds(fail, props.securityGroupIds);
    if (props.imageId !== undefined) checkAmiId(fail, "imageId", props.imageId);
    if (props.instanceTypes !== undefined) checkInstanceTypes(fail, "instanceTypes", props.instanceTypes);
    checkTags(fail, props.tags);
    const updateTimeout = props.updateTimeoutMinutes;
    checkNumber(fail, "updateTimeoutMinutes", updateTimeout, { min: 1, max: 360 });
    const minVcpus = props.minVcpus ?? 0;
    const maxVcpus = props.maxVcpus ?? 256;
    checkNumber(fail, "minVcpus", minVcpus, { min: 0 });
    checkNumber(fail, "maxVcpus", maxVcpus, { min: 1 });
    checkOrder(fail, ["minVcpus", minVcpus], ["maxVcpus", maxVcpus]);
    const spot = props.spot ?? false;
    const strategy =
      props.allocationStrategy ??
      (spot ? AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED : AllocationStrategy.BEST_FIT_PROGRESSIVE);
    if (
      !spot &&
      (strategy === AllocationStrategy.SPOT_CAPACITY_OPTIMIZED ||
        strategy === AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED)
    ) {
      throw fail(`allocation strategy ${strategy} is for Spot`, "use BEST_FIT_PROGRESSIVE, or spot: true");
    }
    if (props.bidPercentage !== undefined && !spot) {
      throw fail(
        `bidPercentage ${props.bidPercentage} is given, but the compute environment is On-Demand`,
        "set spot: true, or remove bidPercentage",
      );
    }
    checkNumber(fail, "bidPercentage", props.bidPercentage, { min: 1, max: 100 });
    checkRoleArn(fail, "serviceRoleArn", props.serviceRoleArn);
    if (strategy === AllocationStrategy.BEST_FIT || props.serviceRoleArn !== undefined) {
      Annotations.of(this).addWarning(
        "AWS Batch cannot update this compute environment in place (BEST_FIT or a custom service role), so a changed launch template reaches instances only when the compute environment is replaced",
      );
    }
    this.userData = auth.userData;

    ({ role: this.instanceRole, profile: this.instanceProfile } = createInstanceRole(this, "batch-instance-", auth));

    this.launchTemplate = new LaunchTemplate(this, "LaunchTemplate", {
      namePrefix: "batch-registry-auth-",
      description: literalArgument(`Private-registry auth for the ECS agent, ${this.node.path}`),
      userData: auth.userDataBase64,
      updateDefaultVersion: true,
      metadataOptions: { ...INSTANCE_METADATA_OPTIONS },
      tags: props.tags,
    });

    this.resource = new BatchComputeEnvironment(this, "Resource", {
      ...computeEnvironmentNameConfig(props.name),
      type: "MANAGED",
      state: props.enabled === false ? "DISABLED" : "ENABLED",
      serviceRole: props.serviceRoleArn,
      computeResources: {
        type: spot ? "SPOT" : "EC2",
        allocationStrategy: strategy,
        bidPercentage: props.bidPercentage,
        instanceRole: this.instanceProfile.arn,
        instanceType: props.instanceTypes ?? ["optimal"],
        minVcpus,
        maxVcpus,
        subnets: props.subnetIds,
        securityGroupIds: props.securityGroupIds,
        ec2Configuration: [{ imageType: props.imageType ?? ImageType.ECS_AL2023, imageIdOverride: props.imageId }],
        // The latest version, not $Latest or $Default: Batch resolves those once at creation, so only a changing
        // version number makes Terraform update the compute environment when the user data changes.
        launchTemplate: {
          launchTemplateId: this.launchTemplate.id,
          version: Token.asString(this.launchTemplate.latestVersion),
        },
      },
      updatePolicy: { jobExecutionTimeoutMinutes: props.updateTimeoutMinutes ?? 30, terminateJobsOnUpdate: false },
      tags: props.tags,
    });
    attachPlanChecks(fail, this.resource);
  }

  /** The compute environment's ARN. */
  public get arn(): string {
    return this.resource.arn;
  }
}
