#!/usr/bin/env node
// The app `cdktf synth` runs (cdktf.json): main.ts and the example stacks, transpiled to JavaScript under build/app
// when a source is newer than its output, then run. Transpiling only (no type-check, which `npm test` and
// `npm run typecheck` do) and only what changed keeps a synth at the cost of the compiled app: TypeScript itself
// takes longer to load than the app takes to run. The examples use the built package (build/lib), as a user's app
// would, so it is rebuilt first when lib/ changed since the last build.
const fs = require("fs");
const path = require("path");
const { buildIfStale, mtime } = require("./build-if-stale");

const root = path.join(__dirname, "..");
buildIfStale();
const out = path.join(root, "build", "app");
const sources = [
  "main.ts",
  ...fs
    .readdirSync(path.join(root, "examples"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join("examples", f)),
];
const outputOf = (source) => path.join(out, source.replace(/\.ts$/, ".js"));

// An output is stale when its source, this script or the installed TypeScript (what transpiles) is newer.
const tooling = Math.max(mtime(__filename), mtime(require.resolve("typescript/package.json")));
const stale = sources.filter((source) => Math.max(mtime(path.join(root, source)), tooling) > mtime(outputOf(source)));
if (stale.length > 0) {
  const ts = require("typescript");
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true };
  for (const source of stale) {
    const { outputText } = ts.transpileModule(fs.readFileSync(path.join(root, source), "utf8"), {
      compilerOptions,
      fileName: source,
    });
    fs.mkdirSync(path.dirname(outputOf(source)), { recursive: true });
    // Written aside, then renamed into place: apps synthesizing at once (the deploy tests) never read half a file.
    const draft = `${outputOf(source)}.${process.pid}.tmp`;
    fs.writeFileSync(draft, outputText);
    fs.renameSync(draft, outputOf(source));
  }
}
// Inside the package, so the examples' `import ... from "cdktf-private-registry"` resolves to the built library
// (build/lib) through the package's own exports, as it would in a user's app.
require(outputOf("main.ts"));
