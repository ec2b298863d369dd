#!/usr/bin/env node
// Writes both flavours' tarballs into dist/: cdktf-private-registry (CDKTF, AWS provider 5 and 6) and
// cdktn-private-registry (CDK Terrain), each built from lib/ first.
const { execFileSync } = require("child_process");
const path = require("path");
const { packageDirs } = require("./lines");
const { pack } = require("./pack");

const root = path.join(__dirname, "..");
const dist = path.join(root, "dist");
execFileSync(process.execPath, [path.join(__dirname, "build.js")], { cwd: root, stdio: "inherit" });
execFileSync(process.execPath, [path.join(__dirname, "build-cdktn.js")], { cwd: root, stdio: "inherit" });
for (const dir of packageDirs()) console.log(pack(dir, dist));
