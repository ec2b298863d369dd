#!/usr/bin/env node
// Builds the package: jsii compiles lib/ to build/lib (JavaScript, .d.ts with doc comments) and writes the .jsii
// assembly; then the boot-script asset, which the compiled user-data renderer reads at run time, is copied beside it.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
fs.rmSync(path.join(root, "build"), { recursive: true, force: true });
// jsii warns on every build that Node 20 is past its end of life; the README says so once (Install).
const env = {
  ...process.env,
  JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: "1",
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split(".")[0],
};
execFileSync(
  process.execPath,
  [require.resolve("jsii/bin/jsii"), "--generate-tsconfig", "tsconfig.jsii.json", "--fail-on-warnings"],
  { cwd: root, stdio: "inherit", env },
);
fs.cpSync(path.join(root, "lib", "assets"), path.join(root, "build", "lib", "assets"), {
  recursive: true,
});
