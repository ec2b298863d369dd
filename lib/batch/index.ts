export * from "./job-options";
export * from "./job-definition";
export * from "./multi-container-job-definition";
export * from "./compute-environment";
export * from "./job-queue";
