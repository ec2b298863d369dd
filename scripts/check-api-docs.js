#!/usr/bin/env node
// Fails when API.md differs from what jsii-docgen writes for the current build: the committed API reference must
// be regenerated (npm run docgen) in the same commit as any change to the public API or its doc comments.
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "api-"));
const fresh = path.join(scratch, "API.md");
execFileSync(process.execPath, [path.join(__dirname, "docgen.js"), fresh], { cwd: root, stdio: "inherit" });
const committed = fs.readFileSync(path.join(root, "API.md"), "utf8");
const generated = fs.readFileSync(fresh, "utf8");
fs.rmSync(scratch, { recursive: true, force: true });
if (generated !== committed) {
  console.error("API.md is stale: the public API or its doc comments changed. Run `npm run docgen` and commit API.md.");
  process.exit(1);
}
console.log("API.md matches the build.");
