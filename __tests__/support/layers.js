// The test layers: the folders of __tests__/, what each exercises, whether it runs on every line or on the
// development line only, and the tools its tests need (named by the global setup when missing).
const LAYERS = {
  // lib/private's pure functions.
  unit: { everyLine: true, tools: [] },
  // Constructs synthesized in-process: the Terraform JSON, the policies judged by the IAM engine, the errors.
  construct: { everyLine: true, tools: [] },
  // Generated documents judged by AWS's own API models (botocore's service models).
  model: { everyLine: false, tools: ["python3", "botocore"] },
  // User data and the boot script: cloud-init, shellcheck, systemd's verifier, the boot sandbox.
  boot: {
    everyLine: false,
    tools: ["python3", "shellcheck", "cloud-init", "unshare", "setpriv", "ip", "curl", "systemd-analyze"],
  },
  // Real Terraform (init, validate, plan, apply against stand-ins) and the cdktf CLI, network-isolated.
  terraform: {
    everyLine: false,
    tools: ["terraform", "python3", "unshare", "setpriv", "ip", "curl", "moto_server", "cloud-init"],
  },
  // `cdktf deploy` and `destroy` against the emulator, read back with the AWS CLI.
  deploy: {
    everyLine: false,
    tools: ["terraform", "python3", "unshare", "setpriv", "nsenter", "ip", "curl", "moto_server", "aws", "cloud-init"],
  },
  // The packed tarball in a fresh app, as users install it, and its other-language bindings.
  package: { everyLine: true, tools: ["terraform", "python3", "botocore", "unshare", "ip"] },
  // The source tree's rules, the release workflow, the install from git.
  repository: { everyLine: false, tools: ["git"] },
};

module.exports = { LAYERS };
