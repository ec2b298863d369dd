/** Transport protocol of a port mapping. */
export enum Protocol {
  /** TCP. */
  TCP = "tcp",
  /** UDP. */
  UDP = "udp",
}

/** Application protocol of a named port, for Service Connect. */
export enum AppProtocol {
  HTTP = "http",
  HTTP2 = "http2",
  GRPC = "grpc",
}

/** A port (or a range of ports) a container exposes. */
export interface PortMapping {
  /**
   * The port the container listens on.
   * @default - none: give `containerPortRange` instead
   */
  readonly containerPort?: number;
  /**
   * A range of container ports, `"<first>-<last>"`, mapped to host ports ECS picks (`awsvpc` or `host`
   * networking, no `hostPort`).
   * @default - a single `containerPort`
   */
  readonly containerPortRange?: string;
  /**
   * The port on the host.
   * @default - the container port with `awsvpc` and `host` networking; a dynamic port with `bridge`
   */
  readonly hostPort?: number;
  /**
   * The transport protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * A name for the mapping, which Service Connect refers to.
   * @default - none
   */
  readonly name?: string;
  /**
   * The application protocol, for Service Connect; needs `name`.
   * @default - none
   */
  readonly appProtocol?: AppProtocol;
}
