// The suites run on every live line in one jest run, one project per line, so the workers stay busy across lines:
// - cdktf-aws5, the development line: CDKTF 0.21 with @cdktf/provider-aws 20.1 (AWS provider 5) from the root
//   node_modules; every suite, including the real Terraform runs.
// - cdktf-aws6 and cdktn: the framework, constructs and provider modules mapped onto the copies under
//   lines/<line>/node_modules (installed by the global setup when missing), for cdktn that mapping being the rename; the
//   construct, example and consumer suites. Terraform runs need the AWS 5 plugin and boot-script suites do not touch
//   the bindings, so those run on the development line only.
// PROVIDER_LINE=<line> runs one line's project alone; `jest --selectProjects <line>` does the same.
const path = require("path");

const modules = (line, name) => path.join(__dirname, "lines", line, "node_modules", name);
/** Module mappings onto lines/<line>: the framework package (cdktf or cdktn), constructs, the AWS provider bindings. */
const mapOnto = (line, framework, provider) => ({
  "^cdktf$": modules(line, framework),
  "^cdktf/(.*)$": `${modules(line, framework)}/$1`,
  "^constructs$": modules(line, "constructs"),
  "^@cdktf/provider-aws/(.*)$": `${modules(line, provider)}/$1`,
});
const DEVELOPMENT_LINE_ONLY = ["terraform-", "boot-script", "user-data", "architecture", "api-model", "install-from-git", "release"];
const LINES = {
  "cdktf-aws5": { mapper: {}, ignore: [] },
  "cdktf-aws6": { mapper: mapOnto("cdktf-aws6", "cdktf", "@cdktf/provider-aws"), ignore: DEVELOPMENT_LINE_ONLY },
  cdktn: { mapper: mapOnto("cdktn", "cdktn", "@cdktn/provider-aws"), ignore: DEVELOPMENT_LINE_ONLY },
};
const only = process.env.PROVIDER_LINE;
if (only !== undefined && !(only in LINES)) throw new Error(`PROVIDER_LINE=${only} is not one of ${Object.keys(LINES).join(", ")}`);

/** The project of one line. */
function project(line) {
  return {
    displayName: line,
    testEnvironment: "node",
    roots: ["<rootDir>/__tests__"],
    testMatch: ["**/*.test.ts"],
    testPathIgnorePatterns: ["/node_modules/", ...LINES[line].ignore],
    // Type-checking is done once by `tsc --noEmit` in `npm test`; per-file checking in ts-jest re-reads the
    // provider's declarations for every test file and is several times slower.
    transform: { "^.+\\.ts$": "ts-jest" },
    moduleNameMapper: {
      // The examples import the package by name, as users do; tests run them against the sources.
      "^cdktf-private-registry$": "<rootDir>/lib/index.ts",
      ...LINES[line].mapper,
    },
    // Which line a test file runs on (support/line.ts).
    globals: { PROVIDER_LINE: line },
    setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
  };
}

/** @type {import('jest').Config} */
module.exports = {
  projects: (only ? [only] : Object.keys(LINES)).map(project),
  // Jest's default on 2 cores is one worker; the Terraform-heavy suites run side by side in their own network
  // namespaces and scratch directories. More workers than cores was slower, not faster (jest 611 s with 3 on 2
  // cores from a fresh clone): the suites are CPU-bound, the deploy ones included.
  maxWorkers: "100%",
  globalSetup: "<rootDir>/__tests__/support/global-setup.js",
  testTimeout: 600000,
};
