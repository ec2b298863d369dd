export * from "./task-definition";
export * from "./container-definition";
export * from "./log-driver";
export { fargateMemoryOptions, FARGATE_CPU_VALUES } from "./fargate-sizes";
