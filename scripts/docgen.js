#!/usr/bin/env node
// Writes the API reference (API.md, or the path given) from the .jsii assembly. jsii-docgen reads every assembly
// it finds below the directory it runs in, so it runs in a scratch directory that holds only the package manifest,
// the assembly and the project's own node_modules: other lines' bindings under lines/ must not change the result.
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const output = path.resolve(process.argv[2] ?? path.join(root, "API.md"));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "docgen-"));
try {
  for (const file of ["package.json", ".jsii"]) fs.copyFileSync(path.join(root, file), path.join(scratch, file));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(scratch, "node_modules"), "dir");
  execFileSync(process.execPath, [require.resolve("jsii-docgen/bin/jsii-docgen"), "-o", output], {
    cwd: scratch,
    stdio: "inherit",
  });
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
