import type { LogDriverConfig } from "../log-driver";
import { renderEnvironment } from "./environment";

/** A Batch container job, ready to render: images, roles and logging already resolved. */
export interface ContainerPropertiesSpec {
  readonly image: string;
  readonly credentialsParameter?: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly executionRoleArn: string;
  readonly jobRoleArn?: string;
  readonly command?: string[];
  readonly environment?: { [name: string]: string };
  /** Fargate only. */
  readonly fargate?: { readonly platformVersion: string; readonly assignPublicIp: boolean };
  readonly logConfiguration?: LogDriverConfig;
}

/**
 * The job definition's `containerProperties`, in the Batch API's shape.
 */
export function renderContainerProperties(spec: ContainerPropertiesSpec): Record<string, unknown> {
  const props: Record<string, unknown> = {
    image: spec.image,
    resourceRequirements: [
      { type: "VCPU", value: String(spec.vcpus) },
      { type: "MEMORY", value: String(spec.memoryMiB) },
    ],
    executionRoleArn: spec.executionRoleArn,
  };
  if (spec.credentialsParameter) props.repositoryCredentials = { credentialsParameter: spec.credentialsParameter };
  if (spec.jobRoleArn) props.jobRoleArn = spec.jobRoleArn;
  if (spec.command) props.command = spec.command;
  if (spec.environment) props.environment = renderEnvironment(spec.environment);
  if (spec.fargate) {
    props.fargatePlatformConfiguration = { platformVersion: spec.fargate.platformVersion };
    props.networkConfiguration = { assignPublicIp: spec.fargate.assignPublicIp ? "ENABLED" : "DISABLED" };
  }
  if (spec.logConfiguration) props.logConfiguration = spec.logConfiguration;
  return props;
}
