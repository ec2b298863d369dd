#!/usr/bin/env node
// npm run bench: writes BENCHMARKS.md. Not a test: it asserts nothing about time and never runs in CI.
//
// Every case is its own `node` process on compiled JavaScript (bench/cases.js, the library from build/lib), run
// BENCH_ROUNDS times (default 5) with the cases interleaved, so a busy moment hurts every case alike. Reported: the
// median and min-max wall time, the median CPU seconds and peak RSS, and ratios of medians to the floor (Node loading
// cdktf and the provider classes and synthesizing an empty stack), to the same resources written with raw provider
// classes, and to AWS CDK v2 with construct validation off and with validation on synthesis on.
// Then the user's main job: `npm run synth` against `cdktf synth` of the same app compiled ahead of time, and the
// app alone against the floor.
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const bench = path.join(root, "bench");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

// AWS CDK lives in bench/ with its own lockfile, so the library's own dependencies stay lean; installed again when
// the lockfile is newer than what npm last installed.
const installed = path.join(bench, "node_modules", ".package-lock.json");
if (
  !fs.existsSync(installed) ||
  fs.statSync(path.join(bench, "package-lock.json")).mtimeMs > fs.statSync(installed).mtimeMs
) {
  execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: bench, stdio: "inherit" });
}
execFileSync(process.execPath, [path.join(__dirname, "build.js")], { cwd: root, stdio: "inherit" });
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));

// The raw compute-environment case carries the same user data as the library's, escaped as the library escapes it.
const { literalForExpression } = require(path.join(root, "build", "lib", "private", "terraform-expression"));
const { renderUserData } = require(path.join(root, "build", "lib", "private", "user-data"));
const { failFor } = require(path.join(root, "build", "lib", "private", "fail"));
const userData = path.join(scratch, "user-data.txt");
fs.writeFileSync(
  userData,
  literalForExpression(
    renderUserData(failFor("bench"), {
      registries: [
        { registry: "quay.io", secretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/quay-AbC123" },
        { registry: "ghcr.io", secretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/ghcr-XyZ789" },
      ],
      registriesProp: "registryCredentials",
      partsProp: "userDataParts",
    }),
  ),
);

/** [group, n, case]: what a row compares. */
const CASES = [
  ["floor", 0, "floor"],
  ["floor", 0, "floor-library"],
];
for (const n of [1, 100, 1000]) {
  CASES.push(
    ["task definitions, 2 private containers, 2 shared imported secrets", n, "library-shared"],
    ["task definitions, 2 private containers, 2 shared imported secrets", n, "raw-shared"],
  );
  CASES.push(["task definitions, 2 private containers, 2 shared imported secrets", n, "raw-shared-tree"]);
  CASES.push(
    ["task definitions, 2 shared imported secrets", n, "cdk-shared-off"],
    ["task definitions, 2 shared imported secrets", n, "cdk-shared-on"],
  );
  CASES.push(
    ["task definitions, each with its own created secret", n, "library-own"],
    ["task definitions, each with its own created secret", n, "raw-own"],
  );
  CASES.push(
    ["task definitions of a real service (FireLens, secrets, health check, EFS, ARM64)", n, "library-workload"],
    ["task definitions of a real service (FireLens, secrets, health check, EFS, ARM64)", n, "raw-workload"],
  );
}
for (const n of [1, 10, 100])
  CASES.push(
    ["Batch compute environments, 2 registries", n, "library-ce"],
    ["Batch compute environments, 2 registries", n, "raw-ce"],
  );

function runCase(kind, n, keep = false) {
  const outdir = path.join(scratch, `${kind}-${n}`);
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [path.join(bench, "cases.js"), kind, String(n), outdir], {
    encoding: "utf8",
    env: { ...process.env, BENCH_USER_DATA: userData },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`${kind} ${n} failed:\n${run.stderr.slice(-3000)}`);
  if (!keep) fs.rmSync(outdir, { recursive: true, force: true });
  return { wall, ...JSON.parse(run.stdout.trim().split("\n").pop()) };
}

/** A stack's resources and data sources with metadata dropped and names in references blanked, sorted per type. */
function normalizedResources(outdir) {
  const config = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "bench", "cdk.tf.json"), "utf8"));
  const blocks = {
    ...config.resource,
    ...Object.fromEntries(Object.entries(config.data ?? {}).map(([type, byName]) => [`data.${type}`, byName])),
  };
  return Object.fromEntries(
    Object.entries(blocks).map(([type, byName]) => [
      type,
      Object.values(byName)
        .map(({ "//": _, ...resource }) =>
          JSON.stringify(resource).replace(/((?:data\.)?aws_[a-z0-9_]+)\.[\w-]+\./g, "$1.X."),
        )
        .sort(),
    ]),
  );
}

// Overhead means something only against the same Terraform: each raw case must synthesize what the library does.
for (const kind of ["shared", "own", "workload", "ce"]) {
  runCase(`library-${kind}`, 3, true);
  runCase(`raw-${kind}`, 3, true);
  const [library, rawOutput] = [`library-${kind}-3`, `raw-${kind}-3`].map((dir) =>
    normalizedResources(path.join(scratch, dir)),
  );
  if (JSON.stringify(library) !== JSON.stringify(rawOutput))
    throw new Error(`raw-${kind} does not synthesize what library-${kind} does`);
}
// The raw case laid out in the library's construct tree synthesizes the very same file, names included.
runCase("raw-shared-tree", 3, true);
const [treeLibrary, treeRaw] = ["library-shared-3", "raw-shared-tree-3"].map((dir) =>
  JSON.parse(fs.readFileSync(path.join(scratch, dir, "stacks", "bench", "cdk.tf.json"), "utf8")),
);
if (JSON.stringify([treeLibrary.resource, treeLibrary.data]) !== JSON.stringify([treeRaw.resource, treeRaw.data]))
  throw new Error("raw-shared-tree does not synthesize exactly what library-shared does");

function timed(command, args, options) {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { encoding: "utf8", ...options });
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${run.stderr}\n${run.stdout}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// The main job: the README's `npm run synth` against `cdktf synth` running main.ts compiled ahead of time, and that
// compiled app alone (node, no CLI) against the floor.
// scripts/app.js (what cdktf.json runs) leaves the app compiled in build/app.
execFileSync(process.execPath, [path.join(__dirname, "app.js")], {
  cwd: root,
  env: { ...process.env, CDKTF_OUTDIR: path.join(scratch, "first.out") },
});
const compiled = path.join(root, "build", "app");
const cdktf = path.join(root, "node_modules", ".bin", "cdktf");
const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
const synth = { npm: [], precompiled: [], app: [] };

const results = new Map();
for (let round = 1; round <= ROUNDS; round++) {
  process.stderr.write(`round ${round} of ${ROUNDS}\n`);
  for (const [, n, kind] of CASES) {
    const key = `${kind}@${n}`;
    if (!results.has(key)) results.set(key, []);
    results.get(key).push(runCase(kind, n));
  }
  synth.npm.push(
    timed("npm", ["run", "synth", "--silent", "--", "--output", path.join(scratch, "npm.out")], { cwd: root, env }),
  );
  synth.precompiled.push(
    timed(
      cdktf,
      ["synth", "--app", `node ${path.join(compiled, "main.js")}`, "--output", path.join(scratch, "cdktf.out")],
      { cwd: root, env },
    ),
  );
  synth.app.push(
    timed(process.execPath, [path.join(compiled, "main.js")], {
      cwd: root,
      env: { ...env, CDKTF_OUTDIR: path.join(scratch, "app.out") },
    }),
  );
}

const stat = (key) => {
  const runs = results.get(key);
  const walls = runs.map((r) => r.wall);
  return {
    wall: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    cpu: median(runs.map((r) => r.cpuSeconds)),
    rss: median(runs.map((r) => r.maxRssMiB)),
    resources: runs[0].resources,
  };
};
const floor = stat("floor@0");
const floorLibrary = stat("floor-library@0");
const ratio = (a, b) => (b === undefined ? "–" : `${(a / b).toFixed(2)}×`);
const seconds = (s) => `${s.toFixed(2)} s`;
const cpuModel = (os.cpus()[0]?.model ?? "unknown CPU").replace(/\s+/g, " ").trim();

const lines = [
  "# Benchmarks",
  "",
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPUs (${cpuModel}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${ROUNDS} interleaved rounds. Each case is its own \`node\` process on compiled JavaScript; wall time includes Node's start. Read ratios rather than seconds: other work on the machine moves seconds.`,
  "",
  "- **floor**: Node loading `cdktf` and the provider classes the library uses, synthesizing an empty stack.",
  "- **raw**: the same resources written with the provider classes directly (bench/cases.js), as a user without the library would; the runner checks first that each raw case synthesizes exactly the library's Terraform (resource names aside).",
  "- **raw in the library's construct tree**: the raw shared-secret case with its resources nested as the library nests them (a construct per task definition, the role's policies under the role), which makes the synthesized file identical to the library's, Terraform names included; the difference between this row and the flat raw row is what the tree alone costs.",
  '- **AWS CDK v2** (aws-cdk-lib, bench/package.json): `FargateTaskDefinition` with `ContainerImage.fromRegistry(..., { credentials })`; *off* is `app.synth({ skipValidation: true })`, *on* is `app.synth({ validateOnSynthesis: true })` with construct validation. Not like for like: CDK also writes a cloud assembly and makes a task role per task, and CloudFormation\'s 500-resource stack limit is lifted (`@aws-cdk/core:stackResourceLimit: 0`) so large cases synthesize; its "÷ floor" is against the cdktf floor.',
  "",
  `Floor: ${seconds(floor.wall)} wall (${seconds(floor.min)}–${seconds(floor.max)}), ${floor.cpu.toFixed(2)} s CPU, ${floor.rss.toFixed(0)} MiB. With the package loaded as well: ${seconds(floorLibrary.wall)} (${seconds(floorLibrary.min)}–${seconds(floorLibrary.max)}), +${((floorLibrary.wall - floor.wall) * 1000).toFixed(0)} ms, ${floorLibrary.rss.toFixed(0)} MiB.`,
  "",
  "| case | n | resources | wall, median (min–max) | CPU | peak RSS | ÷ floor | ÷ raw (wall / RSS) | ÷ AWS CDK off / on |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
];
for (const [group, n, kind] of CASES.filter(([, , k]) => k.startsWith("library-"))) {
  const s = stat(`${kind}@${n}`);
  const rawStat = stat(`${kind.replace("library-", "raw-")}@${n}`);
  const cdk = kind === "library-shared" ? [stat(`cdk-shared-off@${n}`), stat(`cdk-shared-on@${n}`)] : undefined;
  const row = (label, x, extra) =>
    `| ${label} | ${n} | ${x.resources} | ${seconds(x.wall)} (${x.min.toFixed(2)}–${x.max.toFixed(2)}) | ${x.cpu.toFixed(2)} s | ${x.rss.toFixed(0)} MiB | ${ratio(x.wall, floor.wall)} | ${extra} |`;
  lines.push(
    row(
      `${group}: **library**`,
      s,
      `${ratio(s.wall, rawStat.wall)} / ${ratio(s.rss, rawStat.rss)} | ${cdk ? `${ratio(s.wall, cdk[0].wall)} / ${ratio(s.wall, cdk[1].wall)}` : "–"}`,
    ),
  );
  lines.push(row(`${group}: raw`, rawStat, "1.00× / 1.00× | –"));
  if (cdk)
    for (const [label, c] of [
      ["AWS CDK, validation off", cdk[0]],
      ["AWS CDK, validation on", cdk[1]],
    ])
      lines.push(row(`${group}: ${label}`, c, "– | –"));
  if (kind === "library-shared") {
    const tree = stat(`raw-shared-tree@${n}`);
    lines.push(
      row(
        `${group}: raw in the library's construct tree`,
        tree,
        `${ratio(tree.wall, rawStat.wall)} / ${ratio(tree.rss, rawStat.rss)} | –`,
      ),
    );
  }
}
const npmSynth = median(synth.npm);
const precompiled = median(synth.precompiled);
const app = median(synth.app);
lines.push(
  "",
  "## The main job: `npm run synth` (four example stacks)",
  "",
  "| what | wall, median (min–max) | target |",
  "|---|---:|---|",
  `| \`npm run synth\` (cdktf CLI, \`node scripts/app.js\`: main.ts transpiled when changed) | ${seconds(npmSynth)} (${Math.min(...synth.npm).toFixed(2)}–${Math.max(...synth.npm).toFixed(2)}) | ≤ 1.3× the next row: ${ratio(npmSynth, precompiled)} |`,
  `| \`cdktf synth\` of main.ts compiled ahead of time | ${seconds(precompiled)} (${Math.min(...synth.precompiled).toFixed(2)}–${Math.max(...synth.precompiled).toFixed(2)}) | |`,
  `| the compiled app alone (\`node main.js\`) | ${seconds(app)} (${Math.min(...synth.app).toFixed(2)}–${Math.max(...synth.app).toFixed(2)}) | ≤ 1.5× the floor: ${ratio(app, floor.wall)} |`,
  "",
);
fs.writeFileSync(path.join(root, "BENCHMARKS.md"), lines.join("\n"));
fs.rmSync(scratch, { recursive: true, force: true });
console.log(lines.join("\n"));
