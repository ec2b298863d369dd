// Jest global setup, once per run (jest runs a setup module once however many projects name it, so it is the run's,
// not a project's). It checks what the selected layers need, so `npx jest __tests__/unit` needs nothing beyond Node
// and `npm ci`.
// - The layer runs real tools, so a missing one is named at the start instead of failing later with empty output.
//   CI installs them (.ci/run); on a workstation, install what this lists.
// - The line's bindings (lines/<line>/node_modules) are installed from its lockfile when missing, so a fresh clone
//   needs nothing beyond `npm ci`.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { buildIfStale } = require("../../scripts/build-if-stale");
const { ensureLine, LINES } = require("../../scripts/lines");
const { LAYERS } = require("./layers");

/** Each tool: how to probe it, and how to install it. */
const TOOLS = {
  terraform: [["terraform", "version"], "Terraform >= 1.11 (https://developer.hashicorp.com/terraform/install)"],
  shellcheck: [["shellcheck", "--version"], "Debian's shellcheck package"],
  "cloud-init": [["cloud-init", "--version"], "Debian's cloud-init package (with python3-yaml)"],
  unshare: [["unshare", "--version"], "Debian's util-linux package"],
  setpriv: [["setpriv", "--version"], "Debian's util-linux package"],
  nsenter: [["nsenter", "--version"], "Debian's util-linux package"],
  ip: [["ip", "-V"], "Debian's iproute2 package"],
  curl: [["curl", "--version"], "Debian's curl package"],
  "systemd-analyze": [["systemd-analyze", "--version"], "Debian's systemd package"],
  git: [["git", "--version"], "Debian's git package"],
  python3: [["python3", "--version"], "python3"],
  botocore: [
    ["python3", "-c", "import botocore.session"],
    "botocore for python3 (pip install botocore, or Debian's python3-botocore)",
  ],
  moto_server: [["moto_server", "--help"], "moto's server (pip install 'moto[server]')"],
  aws: [["aws", "--version"], "the AWS CLI (pip install awscli, or Debian's awscli)"],
};

module.exports = async (globalConfig) => {
  // What this run selected: the lines (PROVIDER_LINE), the layers (TEST_LAYERS, and the paths on jest's command
  // line, e.g. `npx jest __tests__/unit`).
  const lines = process.env.PROVIDER_LINE?.split(",") ?? Object.keys(LINES);
  const pattern = globalConfig.testPathPattern ? new RegExp(globalConfig.testPathPattern, "i") : undefined;
  const layers = (process.env.TEST_LAYERS?.split(",") ?? Object.keys(LAYERS)).filter(
    (layer) => pattern === undefined || pattern.test(path.join(globalConfig.rootDir, "__tests__", layer, "x.test.ts")),
  );
  const needed = [...new Set(layers.flatMap((layer) => LAYERS[layer].tools))];
  const missing = needed.filter((tool) => {
    const [[command, ...args]] = TOOLS[tool];
    const result = spawnSync(command, args, { stdio: "ignore" });
    return result.error !== undefined || result.status !== 0;
  });
  if (missing.length > 0) {
    const list = missing.map((tool) => `  ${tool}: install ${TOOLS[tool][1]}`).join("\n");
    throw new Error(
      `The ${layers.join(", ")} tests need tools that are not on PATH:\n${list}\n(bash .ci/run installs them on Debian.)`,
    );
  }
  if (needed.includes("terraform")) {
    // Write-only arguments (the password's way into Secrets Manager) need Terraform 1.11.
    const version = JSON.parse(
      spawnSync("terraform", ["version", "-json"], { encoding: "utf8" }).stdout,
    ).terraform_version;
    const [major, minor] = version.split(".").map(Number);
    if (major < 1 || (major === 1 && minor < 11))
      throw new Error(`The test suite needs Terraform >= 1.11; this is ${version}.`);
  }
  // Where every construct test's app points (support/stacks.ts), made here once so workers never race to make it.
  fs.mkdirSync(path.join(os.tmpdir(), `cdktf-private-registry-tests-${os.userInfo().uid}`), { recursive: true });
  // Built here once when lib/ changed since the last build, so the tests' apps (scripts/app.js) find it fresh and
  // none rebuilds build/ while another reads it (`npm test` builds first; `npx jest` after an edit may not).
  if (layers.some((layer) => LAYERS[layer].tools.includes("terraform"))) buildIfStale();
  // The bindings of every line a selected layer runs on.
  for (const line of lines) {
    if (layers.some((layer) => LAYERS[layer].everyLine || LINES[line].development)) ensureLine(line);
  }
};
