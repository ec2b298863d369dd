import { Construct, IConstruct } from "constructs";
import { Fn, Token } from "cdktf";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { RegistryCredentials } from "../credentials";
import type { IRole } from "../role";
import type { UserDataPart } from "../user-data-part";
import { Fail } from "./fail";
import { jsonDocument } from "./json-document";
import { assumeRolePolicy } from "./policy-documents";
import { partitionOf } from "./stack-context";
import { literalForExpression } from "./terraform-expression";
import { renderUserData } from "./user-data";
import { literalArgument } from "./terraform-expression";

/**
 * IMDSv2 only, and a hop limit of 1, so containers on bridge networking cannot reach IMDS and borrow the instance
 * role, which can read the registry secrets (awsvpc tasks are kept out by the ECS agent's ECS_AWSVPC_BLOCK_IMDS,
 * which `clusterName` writes; host-mode containers share the instance's network and cannot be). The shape of a
 * launch template's `metadata_options`.
 */
export const INSTANCE_METADATA_OPTIONS = {
  httpEndpoint: "enabled",
  httpTokens: "required",
  httpPutResponseHopLimit: 1,
} as const;

/** What instance-level registry auth is asked for, with the prop names its caller's user wrote. */
export interface InstanceAuthRequest {
  readonly registryCredentials: RegistryCredentials[];
  readonly userDataParts?: UserDataPart[];
  readonly refreshCredentialsMinutes?: number;
  /** The ECS cluster the instances join (ECS_CLUSTER); unset when a service (Batch) sets it. */
  readonly clusterName?: string;
  /** What to suggest when `registryCredentials` is empty. */
  readonly withoutCredentials: string;
}

/** The user data and the grant that give every instance of a fleet the registries' credentials. */
export interface InstanceAuth {
  /** The MIME user data (before base64); may hold Terraform references. */
  readonly userData: string;
  /** `userData` as a launch template takes it: Terraform encodes it, since references exist only at apply. */
  readonly userDataBase64: string;
  /**
   * Grants `role` read on every registry's secret (and decrypt through Secrets Manager), warning on `scope`;
   * returns the role's one secret-read policy.
   */
  grantRead(scope: IConstruct, role: IRole): IamRolePolicy;
}

/**
 * The one path to instance-level registry auth: `InstanceRegistryAuth`, `batch.ComputeEnvironment` and
 * `ecs.AsgCapacityProvider` all take it, so the checks, the user data and the grant are the same everywhere.
 */
export function instanceAuth(fail: Fail, request: InstanceAuthRequest): InstanceAuth {
  const credentials = request.registryCredentials;
  if (credentials.length === 0) throw fail("registryCredentials is empty", request.withoutCredentials);
  const registries = credentials.map((c, i) => {
    if (c.registry === undefined || Token.isUnresolved(c.registry)) {
      throw fail(
        `registryCredentials[${i}] (${c.secretArn}) does not say which registry it is for`,
        'pass RegistryCredentials.fromSecretCompleteArn(arn, { registry: "quay.io" }), or a RegistrySecret\'s credentials',
      );
    }
    return { registry: c.registry, secretArn: c.secretArn };
  });
  const userData = renderUserData(fail, {
    registries,
    extraParts: request.userDataParts,
    registriesProp: "registryCredentials",
    partsProp: "userDataParts",
    refreshMinutes: request.refreshCredentialsMinutes,
    refreshProp: "refreshCredentialsMinutes",
    clusterName: request.clusterName,
  });
  return {
    userData,
    userDataBase64: Fn.base64encode(literalForExpression(userData)),
    grantRead: (scope, role) => credentials.map((c) => c._bind(scope, role))[0]!,
  };
}

/**
 * The instance role and profile of a fleet `scope` creates (a compute environment, an ECS capacity): ECS
 * container-instance permissions plus read on exactly the registries' secrets. The ids are the Terraform addresses.
 */
export function createInstanceRole(
  scope: Construct,
  namePrefix: string,
  auth: InstanceAuth,
): { role: IamRole; profile: IamInstanceProfile } {
  const role = new IamRole(scope, "InstanceRole", {
    namePrefix,
    description: literalArgument(`Instances of ${scope.node.path}: ECS agent plus private-registry secret read`),
    assumeRolePolicy: jsonDocument(assumeRolePolicy("ec2.amazonaws.com")),
  });
  new IamRolePolicyAttachment(role, "EcsInstancePolicy", {
    role: role.name,
    policyArn: `arn:${partitionOf(scope)}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role`,
  });
  auth.grantRead(scope, role);
  return { role, profile: new IamInstanceProfile(scope, "InstanceProfile", { namePrefix, role: role.name }) };
}
