#!/usr/bin/env node
// Runs the construct, example and consumer suites on the other live lines: CDKTF with @cdktf/provider-aws 21
// (AWS provider 6) and CDK Terrain with @cdktn/provider-aws 25 (building the cdktn flavour first). The development
// line (CDKTF, provider-aws 20.1, AWS 5) is the plain `jest` run, which also plans with real Terraform.
const { execFileSync } = require("child_process");
const path = require("path");
const { ensureLine } = require("./lines");

const root = path.join(__dirname, "..");
// Suites that need the AWS 5 provider plugin (Terraform runs) or do not touch the bindings (boot script, user data).
const LINE_INDEPENDENT_OR_AWS5_ONLY = ["terraform-", "boot-script", "user-data", "architecture"];

for (const line of ["cdktf-aws6", "cdktn"]) {
  console.log(`\n=== ${line} ===`);
  ensureLine(line);
  if (line === "cdktn") execFileSync(process.execPath, [path.join(__dirname, "build-cdktn.js")], { cwd: root, stdio: "inherit" });
  execFileSync(process.execPath, [require.resolve("jest/bin/jest"), "--testPathIgnorePatterns", ...LINE_INDEPENDENT_OR_AWS5_ONLY], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PROVIDER_LINE: line },
  });
}
