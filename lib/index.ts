export * from "./errors";
export * from "./role";
export * from "./credentials";
export * from "./registry-secret";
export * from "./ephemeral-variable";
export * from "./container-image";
export * from "./log-driver";
export * as ecs from "./ecs";
export * as batch from "./batch";
