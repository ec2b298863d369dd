/** Transport protocol of a port mapping. */
export enum Protocol {
  /** TCP. */
  TCP = "tcp",
  /** UDP. */
  UDP = "udp",
}

/** A port a container exposes. */
export interface PortMapping {
  /** The port the container listens on. */
  readonly containerPort: number;
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
}
