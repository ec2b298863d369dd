// How a task's or job's containers meet the host, in ECS tasks and Batch jobs alike.

/** CPU architecture the task runs on. */
export enum CpuArchitecture {
  /** Intel and AMD. */
  X86_64 = "X86_64",
  /** Graviton. */
  ARM64 = "ARM64",
}

/** Whose process namespace the containers share (ECS tasks, multi-container Batch jobs). */
export enum PidMode {
  /** The host's (EC2 only). */
  HOST = "host",
  /** One namespace for the task's containers. */
  TASK = "task",
}

/** Whose IPC namespace the containers share (EC2 only; ECS tasks, multi-container Batch jobs). */
export enum IpcMode {
  HOST = "host",
  TASK = "task",
  /** Private namespaces, no sharing. */
  NONE = "none",
}
