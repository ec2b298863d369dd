// Jest global setup.
// - The suite runs real tools, so a missing one is named at the start instead of failing later with empty output.
//   CI installs them (.ci/run); on a workstation, install what this lists.
// - The other lines' bindings (lines/<line>/node_modules) are installed from their lockfiles when missing, so a
//   fresh clone needs nothing beyond `npm ci`.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ensureLine } = require("../../scripts/lines");

const TOOLS = [
  ["terraform", ["version"], "Terraform >= 1.11 (https://developer.hashicorp.com/terraform/install)"],
  ["shellcheck", ["--version"], "Debian's shellcheck package"],
  ["cloud-init", ["--version"], "Debian's cloud-init package (with python3-yaml)"],
  ["unshare", ["--version"], "Debian's util-linux package"],
  ["setpriv", ["--version"], "Debian's util-linux package"],
  // The deploy tests run every command inside the emulator's network namespace.
  ["nsenter", ["--version"], "Debian's util-linux package"],
  ["systemd-analyze", ["--version"], "Debian's systemd package"],
  // The API-model test judges documents by AWS's own service models, which botocore ships.
  ["python3", ["-c", "import botocore.session"], "botocore for python3 (pip install botocore, or Debian's python3-botocore)"],
  // An AWS API emulator on loopback: the STS stand-in for plans that look up the account (aws_caller_identity), and
  // the account the deploy tests deploy to.
  ["moto_server", ["--help"], "moto's server (pip install 'moto[server]')"],
  // The deploy tests read back what was deployed with the AWS CLI.
  ["aws", ["--version"], "the AWS CLI (pip install awscli, or Debian's awscli)"],
];

module.exports = async () => {
  const missing = TOOLS.filter(([tool, args]) => {
    const result = spawnSync(tool, args, { stdio: "ignore" });
    return result.error !== undefined || result.status !== 0;
  });
  if (missing.length > 0) {
    const list = missing.map(([tool, , how]) => `  ${tool}: install ${how}`).join("\n");
    throw new Error(`The test suite needs tools that are not on PATH:\n${list}\n(bash .ci/run installs them on Debian.)`);
  }
  // Write-only arguments (the password's way into Secrets Manager) need Terraform 1.11.
  const version = JSON.parse(spawnSync("terraform", ["version", "-json"], { encoding: "utf8" }).stdout).terraform_version;
  const [major, minor] = version.split(".").map(Number);
  if (major < 1 || (major === 1 && minor < 11)) throw new Error(`The test suite needs Terraform >= 1.11; this is ${version}.`);
  // Where every construct test's app points (support/stacks.ts), made here once so workers never race to make it.
  fs.mkdirSync(path.join(os.tmpdir(), `cdktf-private-registry-tests-${os.userInfo().uid}`), { recursive: true });
  // The lines this run selected: PROVIDER_LINE, or --selectProjects (on jest's command line; global setup runs in
  // jest's own process), or all.
  const selected = process.env.PROVIDER_LINE ? [process.env.PROVIDER_LINE] : selectedProjects(process.argv);
  for (const other of ["cdktf-aws6", "cdktn"]) if (selected === undefined || selected.includes(other)) ensureLine(other);
};

/** The names after `--selectProjects`, up to the next option; undefined when the option is absent. */
function selectedProjects(argv) {
  const at = argv.indexOf("--selectProjects");
  if (at < 0) return undefined;
  const rest = argv.slice(at + 1);
  const end = rest.findIndex((a) => a.startsWith("-"));
  return end < 0 ? rest : rest.slice(0, end);
}
