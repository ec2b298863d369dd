import { Construct } from "constructs";
import { Fn, TerraformStack, Token } from "cdktf";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import type { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { RegistryCredentials } from "../credentials";
import { CpuArchitecture } from "../task-platform";
import type { UserDataPart } from "../user-data-part";
import { checkAmiId, checkInstanceType, checkSecurityGroupIds, checkSubnetIds, checkTags } from "../private/aws-values";
import { constructFail } from "../private/fail";
import { createInstanceRole, instanceAuth, INSTANCE_METADATA_OPTIONS } from "../private/instance-auth";
import { checkName, defaultName } from "../private/names";
import { checkNumber, checkOrder } from "../private/numbers";
import { checkInput } from "../private/boundary";
import { attachPlanChecks } from "../private/plan-checks";
import { literalArgument } from "../private/terraform-expression";

/** The public SSM parameters of the latest ECS-optimized Amazon Linux 2023 AMIs, per architecture (AWS's ECS guide). */
const AMI_PARAMETERS: Record<CpuArchitecture, string> = {
  [CpuArchitecture.X86_64]: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
  [CpuArchitecture.ARM64]: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
};

/** The clusters each stack's capacities associate with: a cluster has one `aws_ecs_cluster_capacity_providers`. */
const ASSOCIATED = new WeakMap<TerraformStack, Set<string>>();
/** The tag ECS puts on the groups it scales; ours declares it, so it is not the user's to set. */
const ECS_MANAGED_TAG = "AmazonECSManaged";

/** Props of `ecs.AsgCapacityProvider`. */
export interface AsgCapacityProviderProps {
  /** Name of the ECS cluster the instances join (`aws_ecs_cluster.name`, a literal or a reference). */
  readonly clusterName: string;
  /**
   * Credentials the ECS agent on every instance gets, one per registry; each must name its registry
   * (`RegistrySecret` does; for `RegistryCredentials.fromSecretCompleteArn` pass `{ registry }`). Every task placed
   * on these instances can then pull those registries' private images without `repositoryCredentials`.
   */
  readonly registryCredentials: RegistryCredentials[];
  /** Subnets the instances launch in. */
  readonly subnetIds: string[];
  /** Security groups of the instances; they must allow egress to the registries, Secrets Manager and ECS. */
  readonly securityGroupIds: string[];
  /** The instances' EC2 type, such as `t3.medium` (or `m7g.large` with `CpuArchitecture.ARM64`). */
  readonly instanceType: string;
  /**
   * The instances' architecture, which picks the AMI; it must match `instanceType`.
   * @default CpuArchitecture.X86_64
   */
  readonly cpuArchitecture?: CpuArchitecture;
  /**
   * A custom AMI, ECS-optimized (the ECS agent, cloud-init and the AWS CLI or python3 on it).
   * @default - the latest ECS-optimized Amazon Linux 2023 AMI for `cpuArchitecture`, read from its public SSM
   * parameter at plan
   */
  readonly imageId?: string;
  /**
   * The fewest instances.
   * @default 0
   */
  readonly minSize?: number;
  /**
   * The most instances managed scaling may run.
   * @default 10
   */
  readonly maxSize?: number;
  /**
   * Managed scaling's target: the share of the instances' capacity tasks should use, 1-100.
   * @default 100
   */
  readonly targetCapacityPercent?: number;
  /**
   * The capacity provider's name (1-255 letters, digits, '-' or '_'; not starting with `aws`, `ecs` or `fargate`).
   * @default - "capacity-" and the construct's path below its stack
   */
  readonly capacityProviderName?: string;
  /**
   * Attach the capacity provider to the cluster as its only one and its default strategy
   * (`aws_ecs_cluster_capacity_providers`, of which a cluster has one). Turn off to write that association yourself,
   * e.g. beside FARGATE.
   * @default true
   */
  readonly associateWithCluster?: boolean;
  /**
   * Your own user-data parts, placed before ours.
   * @default - none
   */
  readonly userDataParts?: UserDataPart[];
  /**
   * Re-read the registry secrets on every instance this often (5 to 1440 minutes), so a rotated password reaches
   * running instances (see `InstanceRegistryAuthProps.refreshCredentialsMinutes`).
   * @default - the secrets are read once, at first boot
   */
  readonly refreshCredentialsMinutes?: number;
  /**
   * Tags of the launch template, the Auto Scaling group (and its instances) and the capacity provider.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * EC2 capacity for an ECS cluster whose instances give the ECS agent private-registry credentials at boot: a launch
 * template (the ECS-optimized Amazon Linux 2023 AMI, IMDSv2 only, our user data), an Auto Scaling group, and an
 * `aws_ecs_capacity_provider` with managed scaling, made the cluster's default. Every task on it can pull the
 * registries' private images, including task definitions that carry no credentials.
 */
export class AsgCapacityProvider extends Construct {
  /** The `aws_ecs_capacity_provider`. */
  public readonly resource: EcsCapacityProvider;
  /** The Auto Scaling group; managed scaling sets its desired capacity. */
  public readonly autoScalingGroup: AutoscalingGroup;
  /** The launch template carrying the user data; the group follows its latest version and refreshes instances. */
  public readonly launchTemplate: LaunchTemplate;
  /** Role of the instances: ECS container-instance permissions plus read on exactly the registry secrets. */
  public readonly instanceRole: IamRole;
  /** The instance profile of `instanceRole`. */
  public readonly instanceProfile: IamInstanceProfile;
  /** The association with the cluster, unless `associateWithCluster` is false. */
  public readonly clusterCapacityProviders?: EcsClusterCapacityProviders;
  /** The rendered MIME user data (before base64), for review and tests; may contain Terraform references. */
  public readonly userData: string;

  constructor(scope: Construct, id: string, props: AsgCapacityProviderProps) {
    super(scope, id);
    const fail = constructFail(this, "ecs.AsgCapacityProvider");
    checkInput(fail, "props", props, "ecs.AsgCapacityProviderProps");
    checkInstanceType(fail, "instanceType", props.instanceType);
    checkSubnetIds(fail, props.subnetIds);
    checkSecurityGroupIds(fail, props.securityGroupIds);
    if (props.imageId !== undefined) checkAmiId(fail, "imageId", props.imageId);
    checkTags(fail, props.tags);
    if (props.tags?.[ECS_MANAGED_TAG] !== undefined)
      throw fail(
        `tags sets ${ECS_MANAGED_TAG}, which this construct sets for ECS`,
        `remove ${ECS_MANAGED_TAG} from tags`,
      );
    const minSize = props.minSize ?? 0;
    const maxSize = props.maxSize ?? 10;
    // Auto Scaling's MinSize and MaxSize are whole numbers from 0; a capacity provider needs room to scale to.
    checkNumber(fail, "minSize", minSize, { min: 0 });
    checkNumber(fail, "maxSize", maxSize, { min: 1 });
    checkOrder(fail, ["minSize", minSize], ["maxSize", maxSize]);
    // ECS ManagedScaling.targetCapacity: 1-100 (percent).
    const target = props.targetCapacityPercent ?? 100;
    checkNumber(fail, "targetCapacityPercent", target, { min: 1, max: 100 });
    // The default starts with a word of ours: a path such as "ecs-app/Capacity" would begin with a reserved prefix.
    const name = props.capacityProviderName ?? `capacity-${defaultName(this, 246)}`;
    checkName(fail, "capacityProviderName", name, 255);
    // CreateCapacityProvider: "The name can't be prefixed with "aws", "ecs", or "fargate"".
    if (!Token.isUnresolved(name) && /^(aws|ecs|fargate)/i.test(name)) {
      throw fail(
        `capacityProviderName "${name}" starts with a prefix ECS reserves (aws, ecs, fargate)`,
        "choose another name, or another construct id",
      );
    }
    const auth = instanceAuth(fail, {
      ...props,
      withoutCredentials: "pass at least one RegistryCredentials (or use a plain aws_ecs_capacity_provider)",
    });
    this.userData = auth.userData;

    ({ role: this.instanceRole, profile: this.instanceProfile } = createInstanceRole(this, "ecs-instance-", auth));

    const imageId =
      props.imageId ??
      new DataAwsSsmParameter(this, "Ami", { name: AMI_PARAMETERS[props.cpuArchitecture ?? CpuArchitecture.X86_64] })
        .insecureValue;
    this.launchTemplate = new LaunchTemplate(this, "LaunchTemplate", {
      namePrefix: "ecs-registry-auth-",
      description: literalArgument(`Private-registry auth for the ECS agent, ${this.node.path}`),
      imageId,
      instanceType: props.instanceType,
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      vpcSecurityGroupIds: props.securityGroupIds,
      userData: auth.userDataBase64,
      updateDefaultVersion: true,
      metadataOptions: { ...INSTANCE_METADATA_OPTIONS },
      tags: props.tags,
    });

    this.autoScalingGroup = new AutoscalingGroup(this, "Group", {
      namePrefix: "ecs-registry-auth-",
      minSize,
      maxSize,
      vpcZoneIdentifier: props.subnetIds,
      // The latest version, so a user-data change updates the group, and the refresh replaces running instances.
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 90 } },
      // ECS tags the groups it scales; declaring the tag keeps Terraform from removing it on every apply.
      tag: [
        { key: ECS_MANAGED_TAG, value: "true", propagateAtLaunch: true },
        ...Object.entries(props.tags ?? {}).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      ],
      // No desired_capacity: managed scaling sets it, and Terraform leaves an unset computed value alone.
    });

    this.resource = new EcsCapacityProvider(this, "Resource", {
      name,
      autoScalingGroupProvider: {
        autoScalingGroupArn: this.autoScalingGroup.arn,
        managedScaling: { status: "ENABLED", targetCapacity: target },
        managedTerminationProtection: "DISABLED",
        // Instances leaving (scale-in, an instance refresh after a user-data change) are drained of tasks first.
        managedDraining: "ENABLED",
      },
      tags: props.tags,
    });
    if (props.associateWithCluster !== false) {
      // Two associations of one cluster would overwrite each other on every apply: refused here instead.
      const associated = ASSOCIATED.get(TerraformStack.of(this)) ?? new Set<string>();
      ASSOCIATED.set(TerraformStack.of(this), associated);
      if (associated.has(props.clusterName)) {
        throw fail(
          "another ecs.AsgCapacityProvider in this stack already associates its cluster",
          "set associateWithCluster: false on each and write one aws_ecs_cluster_capacity_providers listing them all",
        );
      }
      associated.add(props.clusterName);
      this.clusterCapacityProviders = new EcsClusterCapacityProviders(this, "Cluster", {
        clusterName: props.clusterName,
        capacityProviders: [this.resource.name],
        defaultCapacityProviderStrategy: [{ capacityProvider: this.resource.name, weight: 1, base: 0 }],
      });
    }
    attachPlanChecks(fail, this.autoScalingGroup);
  }

  /**
   * The capacity provider's name, for a service's capacity provider strategy. With the cluster association, it is
   * read through the association, so a service using it is created only once the cluster has the provider (ECS
   * refuses a strategy naming a provider its cluster lacks).
   */
  public get capacityProviderName(): string {
    return this.clusterCapacityProviders ? Fn.one(this.clusterCapacityProviders.capacityProviders) : this.resource.name;
  }
}
