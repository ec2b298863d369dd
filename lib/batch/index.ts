export * from "./user-data";
export * from "./container-properties";
export * from "./job-definition";
export * from "./compute-environment";
export * from "./job-queue";
