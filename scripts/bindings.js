#!/usr/bin/env node
// Generates (or, without --code-only, builds) the Python, Java, C# and Go bindings of jsii packages with jsii-pacmak,
// one pacmak run per package into <outdir>/<package name>/<language>. One run per package, because a single run over
// both flavours loads two versions of `constructs` into one type system and fails, and because each Go module is
// published to a repository of its own. The release workflow and the consumer tests both run this.
//
//   node scripts/bindings.js [--code-only] [--targets <language>...] --outdir <dir> <package folder>...
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

/** Runs pacmak for each package folder; returns what pacmak printed, all runs together. */
function generateBindings({ packageDirs, outdir, targets = ["python", "java", "dotnet", "go"], codeOnly = false }) {
  // jsii warns on every run that Node 20 is past its end of life; the README says so once (Install).
  const env = {
    ...process.env,
    JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: "1",
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split(".")[0],
  };
  const pacmak = require.resolve("jsii-pacmak/bin/jsii-pacmak");
  let printed = "";
  for (const dir of packageDirs) {
    const name = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name;
    const args = [
      pacmak,
      ...(codeOnly ? ["--code-only"] : []),
      "--no-npmignore",
      "--targets",
      ...targets,
      "--outdir",
      path.resolve(outdir, name),
      path.resolve(dir),
    ];
    const result = spawnSync(process.execPath, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    printed += `${result.stdout}${result.stderr}`;
    if (result.status !== 0)
      throw new Error(
        `jsii-pacmak failed for ${name} (${result.status ?? result.error}):\n${result.stdout}${result.stderr}`,
      );
  }
  return printed;
}

/** The options of a command line (the arguments after the script's name); undefined when it is not a valid one. */
function parseArguments(argv) {
  const options = { packageDirs: [], outdir: undefined, codeOnly: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--code-only") options.codeOnly = true;
    else if (argv[i] === "--outdir") options.outdir = argv[++i];
    else if (argv[i] === "--targets") {
      options.targets = [];
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) options.targets.push(argv[++i]);
    } else if (argv[i].startsWith("--")) return undefined;
    else options.packageDirs.push(argv[i]);
  }
  return options.outdir && options.packageDirs.length > 0 ? options : undefined;
}

module.exports = { generateBindings, parseArguments };

if (require.main === module) {
  const options = parseArguments(process.argv.slice(2));
  if (options === undefined) {
    console.error(
      "usage: node scripts/bindings.js [--code-only] [--targets <language>...] --outdir <dir> <package folder>...",
    );
    process.exit(2);
  }
  process.stdout.write(generateBindings(options));
}
