/**
 * The one place where AWS provider 5 and 6 bindings differ for this library. Everything else is written in the
 * form both accept. Decided from the bindings loaded at run time, so one build serves `@cdktf/provider-aws` 20.x
 * (AWS 5), 21.x (AWS 6) and `@cdktn/provider-aws` (AWS 6).
 */
import {
  BatchComputeEnvironment,
  BatchComputeEnvironmentConfig,
} from "@cdktf/provider-aws/lib/batch-compute-environment";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";

/** True when the loaded bindings are AWS provider 6 or later (`compute_environment_name` became `name`). */
export const AWS_PROVIDER_6 = !("computeEnvironmentName" in BatchComputeEnvironment.prototype);

/** The compute environment's name argument under the name the loaded provider line uses. */
export function computeEnvironmentNameConfig(name: string | undefined): Partial<BatchComputeEnvironmentConfig> {
  if (name === undefined) return {};
  const config: Record<string, string> = { [AWS_PROVIDER_6 ? "name" : "computeEnvironmentName"]: name };
  return config as Partial<BatchComputeEnvironmentConfig>;
}

/** The region a `data.aws_region` reads: `region` on AWS 6 (where `name` is deprecated), `name` before. */
export function regionAttribute(region: DataAwsRegion): string {
  const attributes = region as unknown as Record<string, string>;
  return AWS_PROVIDER_6 ? attributes.region : attributes.name;
}
