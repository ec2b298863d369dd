#!/usr/bin/env node
// Builds the CDK Terrain flavour, `cdktn-private-registry`, from the same source as the main package: lib/ is copied
// with its module specifiers renamed (cdktf -> cdktn, @cdktf/provider-* -> @cdktn/provider-*), which is the whole of
// the framework migration, and compiled by jsii against the bindings installed in lines/cdktn (npm run lines:install).
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const { LINES, ensureLine, renameImports } = require("./lines");

const root = path.join(__dirname, "..");
const LINE = "cdktn";
const { peers, packageName, packageDir } = LINES[LINE];
const line = ensureLine(LINE);
const out = path.join(root, packageDir);
const main = require(path.join(root, "package.json"));
const bindings = require(path.join(line, "package.json")).dependencies;
const renameSpecifiers = (source) => renameImports(source, LINE);

function copyTree(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      copyTree(source, target);
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      fs.writeFileSync(target, renameSpecifiers(fs.readFileSync(source, "utf8")));
    } else if (!entry.name.endsWith(".js") && !entry.name.endsWith(".d.ts")) {
      fs.copyFileSync(source, target);
    }
  }
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, "lib"), { recursive: true });
copyTree(path.join(root, "lib"), path.join(out, "lib"));
for (const file of ["LICENSE", "CHANGELOG.md"]) fs.copyFileSync(path.join(root, file), path.join(out, file));
// The README is the one of both flavours; this one says first what differs, then shows the snippets renamed.
const readme = fs
  .readFileSync(path.join(root, "README.md"), "utf8")
  .replace(
    /^# cdktf-private-registry\n/,
    `# ${packageName}\n\nThe CDK Terrain (cdktn) flavour of cdktf-private-registry: the same constructs and API, built from the same source\nfor \`cdktn\` ${peers.cdktn} and \`@cdktn/provider-aws\` ${peers["@cdktn/provider-aws"]}. Set \`targetVersions\` as described under "CDK Terrain" below.\n`,
  )
  .replace(/```ts\n[\s\S]*?```/g, renameSpecifiers);
fs.writeFileSync(path.join(out, "README.md"), readme);

// The other languages' names follow the main package's, with the flavour's name (see README "Other languages").
const targets = {
  python: { distName: "cdktn-private-registry", module: "cdktn_private_registry" },
  java: {
    package: "io.github.cdktf_private_registry.cdktn",
    maven: { groupId: "io.github.cdktf-private-registry", artifactId: "cdktn-private-registry" },
  },
  dotnet: { namespace: "CdktnPrivateRegistry", packageId: "CdktnPrivateRegistry" },
  go: { moduleName: "github.com/cdktf-private-registry/cdktn-private-registry-go" },
};
const flavour = {
  ...main,
  name: packageName,
  description: main.description.replace("CDK for Terraform", "CDK Terrain (cdktn)"),
  keywords: [...main.keywords.filter((k) => k !== "cdktf"), "cdktn", "cdk-terrain"],
  scripts: {},
  peerDependencies: peers,
  devDependencies: Object.fromEntries(Object.keys(peers).map((name) => [name, bindings[name]])),
  jsii: { ...main.jsii, targets, excludeTypescript: ["build"] },
};
fs.writeFileSync(path.join(out, "package.json"), `${JSON.stringify(flavour, null, 2)}\n`);

// jsii warns on every build that Node 20 is past its end of life; the README says so once (Install).
const env = {
  ...process.env,
  JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: "1",
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split(".")[0],
};
execFileSync(
  process.execPath,
  [
    require.resolve("jsii/bin/jsii"),
    "--generate-tsconfig",
    "tsconfig.jsii.json",
    "--fail-on-warnings",
    "--no-fix-peer-dependencies",
  ],
  { cwd: out, stdio: "inherit", env },
);
fs.cpSync(path.join(out, "lib", "assets"), path.join(out, "build", "lib", "assets"), {
  recursive: true,
});
// jsii-docgen looks for the dependencies' assemblies only in the package's own node_modules.
fs.symlinkSync(path.join(line, "node_modules"), path.join(out, "node_modules"), "dir");
execFileSync(process.execPath, [require.resolve("jsii-docgen/bin/jsii-docgen"), "-o", "API.md"], {
  cwd: out,
  stdio: "inherit",
});
