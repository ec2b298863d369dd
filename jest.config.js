// Which framework and provider bindings the suites run against. The default is the development line (CDKTF 0.21
// with @cdktf/provider-aws 20.1, AWS provider 5) from the root node_modules. PROVIDER_LINE=cdktf-aws6 or cdktn maps
// the framework, constructs and provider modules onto the copies installed under lines/<line> (npm run lines:install),
// so the same tests and the same library source run against those bindings; for cdktn that mapping is the rename.
const path = require("path");

const line = process.env.PROVIDER_LINE ?? "cdktf-aws5";
const modules = (name) => path.join(__dirname, "lines", line, "node_modules", name);
const LINE_MODULES = {
  "cdktf-aws5": {},
  "cdktf-aws6": {
    "^cdktf$": modules("cdktf"),
    "^cdktf/(.*)$": `${modules("cdktf")}/$1`,
    "^constructs$": modules("constructs"),
    "^@cdktf/provider-aws/(.*)$": `${modules("@cdktf/provider-aws")}/$1`,
  },
  cdktn: {
    "^cdktf$": modules("cdktn"),
    "^cdktf/(.*)$": `${modules("cdktn")}/$1`,
    "^constructs$": modules("constructs"),
    "^@cdktf/provider-aws/(.*)$": `${modules("@cdktn/provider-aws")}/$1`,
  },
};
if (!(line in LINE_MODULES)) throw new Error(`PROVIDER_LINE=${line} is not one of ${Object.keys(LINE_MODULES).join(", ")}`);

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Type-checking is done once by `tsc --noEmit` in `npm test`; per-file checking in ts-jest re-reads the provider's
  // declarations for every test file and is several times slower.
  transform: { "^.+\\.ts$": "ts-jest" },
  moduleNameMapper: {
    // The examples import the package by name, as users do; tests run them against the sources.
    "^cdktf-private-registry$": "<rootDir>/lib/index.ts",
    ...LINE_MODULES[line],
  },
  // Jest's default on 2 cores is one worker; the Terraform-heavy suites run side by side in their own network
  // namespaces and scratch directories, and two workers take 127 s where one takes about 200 s.
  maxWorkers: "100%",
  globalSetup: "<rootDir>/__tests__/support/required-tools.js",
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
  testTimeout: 600000,
};
