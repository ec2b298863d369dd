export * from "./credentials";
export * from "./registry-secret";
export * from "./ephemeral-variable";
export * from "./container-image";
export * from "./image-reference";
export * from "./secret-read-policy";
export * as ecs from "./ecs";
export * as batch from "./batch";
