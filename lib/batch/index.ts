export * from "./user-data";
export * from "./job-definition";
export * from "./compute-environment";
export * from "./job-queue";
