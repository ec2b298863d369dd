export * from "./task-definition";
export * from "./task-settings";
export * from "./container-options";
export * from "./environment-file";
export * from "./port-mapping";
export * from "./asg-capacity-provider";
