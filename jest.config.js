// The suites run as one jest project per layer and line, in one jest run, so the workers stay busy across them.
// - Layers are the folders under __tests__/ (support/layers.js): what a layer's tests exercise, the tools the
//   global setup demands for it, and whether it runs on every line or on the development line only.
// - Lines are scripts/lines.js's entries. The development line (CDKTF 0.21 with @cdktf/provider-aws 20, AWS provider
//   5) uses the root node_modules and runs every layer, the real Terraform runs included (the AWS 5 plugin is the one
//   mirrored here). On the other lines the framework, constructs and provider modules are mapped onto
//   lines/<line>/node_modules (installed by the global setup when missing) and the layers that touch the bindings
//   run: unit, construct and package.
// PROVIDER_LINE=<line>[,<line>...] runs those lines' projects alone; a path (`npx jest __tests__/unit`) one layer.
const path = require("path");
const { LINES } = require("./scripts/lines");

const { LAYERS } = require("./__tests__/support/layers");

const modules = (line, name) => path.join(__dirname, LINES[line].bindings, "node_modules", name);
/** Module mappings onto lines/<line>: the framework package (cdktf or cdktn), constructs, the AWS provider bindings. */
function mapOnto(line) {
  if (LINES[line].bindings === ".") return {};
  const { framework, provider } = LINES[line];
  return {
    "^cdktf$": modules(line, framework),
    "^cdktf/(.*)$": `${modules(line, framework)}/$1`,
    "^constructs$": modules(line, "constructs"),
    "^@cdktf/provider-aws/(.*)$": `${modules(line, provider)}/$1`,
  };
}

const only = process.env.PROVIDER_LINE?.split(",");
for (const line of only ?? []) {
  if (!(line in LINES)) throw new Error(`PROVIDER_LINE=${line} is not one of ${Object.keys(LINES).join(", ")}`);
}

/** The project of one layer on one line. */
function project(layer, line) {
  return {
    displayName: `${layer} ${line}`,
    testEnvironment: "node",
    roots: [`<rootDir>/__tests__/${layer}`],
    testMatch: ["**/*.test.ts"],
    // Type-checking is done once by `tsc --noEmit` in `npm test`; per-file checking in ts-jest re-reads the
    // provider's declarations for every test file and is several times slower.
    transform: { "^.+\\.ts$": "ts-jest" },
    moduleNameMapper: {
      // The examples import the package by name, as users do; tests run them against the sources.
      "^cdktf-private-registry$": "<rootDir>/lib/index.ts",
      ...mapOnto(line),
    },
    // Which line a test file runs on (support/line.ts).
    globals: { PROVIDER_LINE: line },
    setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
  };
}

const lines = only ?? Object.keys(LINES);
// TEST_LAYERS=<layer>[,<layer>...] builds only those layers' projects (npm run test:quick), so jest does not map
// the folders of the others.
const layers = process.env.TEST_LAYERS?.split(",") ?? Object.keys(LAYERS);
for (const layer of layers) {
  if (!(layer in LAYERS)) throw new Error(`TEST_LAYERS=${layer} is not one of ${Object.keys(LAYERS).join(", ")}`);
}
/** @type {import('jest').Config} */
module.exports = {
  projects: layers.flatMap((layer) =>
    lines.filter((line) => LAYERS[layer].everyLine || LINES[line].development).map((line) => project(layer, line)),
  ),
  // Jest's default on 2 cores is one worker; the Terraform-heavy suites run side by side in their own network
  // namespaces and scratch directories. More workers than cores was slower, not faster (jest 611 s with 3 on 2
  // cores from a fresh clone): the suites are CPU-bound, the deploy ones included.
  maxWorkers: "100%",
  // One global setup for the run (jest runs a module once however many projects name it): the tools of the layers
  // the run selected, and the bindings of its lines.
  globalSetup: "<rootDir>/__tests__/support/global-setup.js",
  testTimeout: 600000,
};
