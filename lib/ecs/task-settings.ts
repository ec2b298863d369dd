/** The operating system the task's containers run on. */
export enum OperatingSystemFamily {
  LINUX = "LINUX",
  WINDOWS_SERVER_2019_FULL = "WINDOWS_SERVER_2019_FULL",
  WINDOWS_SERVER_2019_CORE = "WINDOWS_SERVER_2019_CORE",
  WINDOWS_SERVER_2016_FULL = "WINDOWS_SERVER_2016_FULL",
  WINDOWS_SERVER_2004_CORE = "WINDOWS_SERVER_2004_CORE",
  WINDOWS_SERVER_2022_CORE = "WINDOWS_SERVER_2022_CORE",
  WINDOWS_SERVER_2022_FULL = "WINDOWS_SERVER_2022_FULL",
  WINDOWS_SERVER_2025_CORE = "WINDOWS_SERVER_2025_CORE",
  WINDOWS_SERVER_2025_FULL = "WINDOWS_SERVER_2025_FULL",
  WINDOWS_SERVER_20H2_CORE = "WINDOWS_SERVER_20H2_CORE",
}

/** A rule the instance must satisfy for the task to be placed there (EC2 only). */
export interface PlacementConstraint {
  /** A cluster query language expression, e.g. `attribute:ecs.instance-type =~ g5.*`. */
  readonly expression: string;
}

/** App Mesh proxy settings of the task (`awsvpc` networking). */
export interface ProxyConfiguration {
  /** The container that runs the Envoy proxy, one of the task's. */
  readonly containerName: string;
  /** The proxy's settings: `AppPorts`, `ProxyIngressPort`, `ProxyEgressPort`, `IgnoredUID`, `EgressIgnoredIPs`... */
  readonly properties: { [name: string]: string };
}
