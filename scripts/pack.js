#!/usr/bin/env node
// The one way a tarball is made (npm run package, the consumer tests, the release): npm chooses the files from the
// package's `files`, and they are packed from a staging folder whose package.json has no development scripts or
// dependencies. A packed `prepare` is an install script to npm for file and tarball sources, so npm would warn on
// every install of the tarball about a script whose `scripts/` folder is not even shipped.
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

/** What a user's package.json gets of ours: everything but what only builds or tests the package. */
function publishedManifest(manifest) {
  const published = { ...manifest };
  for (const key of ["scripts", "devDependencies", "allowScripts"]) delete published[key];
  return published;
}

/** Packs the built package in `packageDir` into `destination`; returns the tarball's path. */
function pack(packageDir, destination) {
  const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [listing] = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], packageDir));
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "pack-"));
  try {
    for (const { path: file } of listing.files) {
      if (file === "package.json") continue;
      fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      fs.copyFileSync(path.join(packageDir, file), path.join(staging, file));
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8"));
    fs.writeFileSync(path.join(staging, "package.json"), `${JSON.stringify(publishedManifest(manifest), null, 2)}\n`);
    fs.mkdirSync(destination, { recursive: true });
    const [packed] = JSON.parse(
      npm(["pack", "--json", "--ignore-scripts", "--pack-destination", path.resolve(destination)], staging),
    );
    return path.join(path.resolve(destination), packed.filename);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

module.exports = { pack };

if (require.main === module) {
  const [packageDir, destination] = process.argv.slice(2);
  if (!packageDir || !destination) throw new Error("usage: node scripts/pack.js <package folder> <destination folder>");
  console.log(pack(packageDir, destination));
}
