export * from "./task-definition";
export * from "./port-mapping";
