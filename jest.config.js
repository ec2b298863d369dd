/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Type-checking is done once by `tsc --noEmit` in `npm test`; per-file checking in ts-jest re-reads the provider's
  // declarations for every test file and is several times slower.
  transform: { "^.+\\.ts$": "ts-jest" },
  // The examples import the package by name, as users do; tests run them against the sources.
  moduleNameMapper: { "^cdktf-private-registry$": "<rootDir>/lib/index.ts" },
  globalSetup: "<rootDir>/__tests__/support/required-tools.js",
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
  testTimeout: 600000,
};
