// The framework lines this package is built and tested for: the one list the jest projects, the global setup, the
// cdktn flavour's build, the packaging and the consumer tests read. Adding a line is adding an entry here (and its
// lockfile under lines/<line>/ when its bindings are not the root's).
//
// - framework: the CDK package the constructs import (`cdktf`, or `cdktn` for CDK Terrain).
// - provider: the AWS provider bindings' package.
// - awsMajor: the AWS provider major those bindings generate (attribute names differ between 5 and 6).
// - packageName: the npm package a user of this line installs.
// - packageDir: where that package is built, relative to the repository.
// - bindings: the folder whose node_modules hold this line's framework, constructs and provider, relative to the
//   repository; the root's for the development line.
// - peers: what a user installs beside the package (ranges resolve to the newest release, as for a user); for a
//   flavour of its own, also its package.json's peerDependencies.
// - development: the line every suite runs on, real Terraform included (the AWS 5 plugin is the one mirrored here).
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const dev = require(path.join(root, "package.json")).devDependencies;

const LINES = {
  "cdktf-aws5": {
    framework: "cdktf",
    provider: "@cdktf/provider-aws",
    awsMajor: 5,
    packageName: "cdktf-private-registry",
    packageDir: ".",
    bindings: ".",
    peers: { cdktf: dev.cdktf, constructs: dev.constructs, "@cdktf/provider-aws": dev["@cdktf/provider-aws"] },
    development: true,
  },
  "cdktf-aws6": {
    framework: "cdktf",
    provider: "@cdktf/provider-aws",
    awsMajor: 6,
    packageName: "cdktf-private-registry",
    packageDir: ".",
    bindings: "lines/cdktf-aws6",
    peers: { cdktf: dev.cdktf, constructs: dev.constructs, "@cdktf/provider-aws": "^21.0.0" },
    development: false,
  },
  cdktn: {
    framework: "cdktn",
    provider: "@cdktn/provider-aws",
    awsMajor: 6,
    packageName: "cdktn-private-registry",
    packageDir: "lines/cdktn/flavour",
    bindings: "lines/cdktn",
    peers: { cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0", "@cdktn/provider-aws": "^25.5.0" },
    development: false,
  },
};

const DEVELOPMENT_LINE = Object.keys(LINES).find((line) => LINES[line].development);

/**
 * The one rename from the development line's module specifiers to `line`'s: the framework (and its subpaths), the
 * provider bindings' scope, and this package's name. It is the whole of a framework migration, so `lib/` must import
 * the framework only through static `from "cdktf..."` specifiers (the architecture test holds it to that).
 */
function renameImports(source, line) {
  const { framework, provider, packageName } = LINES[line];
  const scope = provider.split("/")[0];
  return source
    .replace(/from "cdktf(\/[^"]*)?"/g, (_, subpath = "") => `from "${framework}${subpath}"`)
    .replace(/from "@cdktf\/provider-/g, `from "${scope}/provider-`)
    .replace(/from "cdktf-private-registry"/g, `from "${packageName}"`);
}

/**
 * The absolute folder of `line`'s bindings, its node_modules installed from its lockfile when missing. Several
 * processes may ask at once (each jest project's global setup, the cdktn build): each installs into a folder of its
 * own and moves the result into place in one rename, so no caller ever sees a half-installed node_modules.
 */
function ensureLine(line) {
  const dir = path.join(root, LINES[line].bindings);
  const modules = path.join(dir, "node_modules");
  if (fs.existsSync(modules)) return dir;
  const staging = fs.mkdtempSync(path.join(dir, ".install-"));
  try {
    for (const file of ["package.json", "package-lock.json"])
      fs.copyFileSync(path.join(dir, file), path.join(staging, file));
    execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: staging, stdio: "inherit" });
    try {
      fs.renameSync(path.join(staging, "node_modules"), modules);
    } catch (error) {
      // Another process moved its copy into place first: use that one.
      if (!fs.existsSync(modules)) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** The packages `npm run package` writes: one per distinct packageDir, the development line's first. */
function packageDirs() {
  return [...new Set(Object.values(LINES).map((line) => path.join(root, line.packageDir)))];
}

module.exports = { LINES, DEVELOPMENT_LINE, renameImports, ensureLine, packageDirs };

// `node scripts/lines.js install`: the other lines' bindings. `node scripts/lines.js test --development|--others
// [jest arguments]`: jest on the development line, or on every other line.
if (require.main === module) {
  const [command, which, ...rest] = process.argv.slice(2);
  const others = Object.keys(LINES).filter((line) => line !== DEVELOPMENT_LINE);
  const selected = { "--development": [DEVELOPMENT_LINE], "--others": others }[which];
  if (command === "install" && which === undefined) for (const line of others) ensureLine(line);
  else if (command === "test" && selected !== undefined) {
    const jest = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), ...rest], {
      cwd: root,
      stdio: "inherit",
      // Every test file loads the framework afresh, and the young generation's collections are a good part of
      // that: a larger semi-space cut the quick layers' CPU time by about a tenth on 2 cores.
      env: {
        ...process.env,
        PROVIDER_LINE: selected.join(","),
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-semi-space-size=64`.trim(),
      },
    });
    process.exit(jest.status ?? 1);
  } else {
    console.error("usage: node scripts/lines.js install | test --development|--others [jest arguments]");
    process.exit(2);
  }
}
