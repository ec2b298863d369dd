import { IConstruct } from "constructs";

/**
 * A role this library can grant to: an `IamRole` (yours or one it creates), or an existing role looked up with
 * `DataAwsIamRole`. Both providers' classes fit as they are.
 */
export interface IRole extends IConstruct {
  /** The role's name; inline policies attach by name. */
  readonly name: string;
  /** The role's ARN. */
  readonly arn: string;
}
