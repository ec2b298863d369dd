#!/usr/bin/env bash
# Runs the steps in "$1" (sourced, so they see `cleanup` and `provider`) inside a network namespace with only
# loopback, started by TerraformWorkspace.script as `unshare --net -r bash namespace-script.sh steps.sh`.
# With PROVIDER_BINARY set (and PROVIDER_ENV, its extra NAME=value words), one AWS provider process starts here first in debug mode and every Terraform command of
# the steps attaches to it (TF_REATTACH_PROVIDERS; see provider-server.ts for why).
set -euo pipefail
ip link set lo up
# Processes the steps start in the background go into `cleanup`, stopped (SIGTERM) on exit.
cleanup=()
provider=""
# The provider gets SIGINT, as on Ctrl-C, and removes its socket (background jobs ignore SIGINT, so the others get
# SIGTERM); then wait, so nothing outlives the script.
# shellcheck disable=SC2317 # called by the trap
stop() {
  [ -z "$provider" ] || kill -INT "$provider" 2>/dev/null || true
  [ "${#cleanup[@]}" -eq 0 ] || kill "${cleanup[@]}" 2>/dev/null || true
  wait
}
trap stop EXIT

if [ -n "${PROVIDER_BINARY:-}" ]; then
  # shellcheck disable=SC2086 # PROVIDER_ENV is NAME=value words
  env ${PROVIDER_ENV:-} setpriv --pdeathsig KILL -- "$PROVIDER_BINARY" -debug >provider.out 2>&1 &
  provider=$!
  # The value follows a banner that names the variable too: wait for the line that holds it, or stop.
  for _ in $(seq 600); do grep -qs "TF_REATTACH_PROVIDERS='" provider.out && break; sleep 0.1; done
  TF_REATTACH_PROVIDERS=$(sed -n "s/.*TF_REATTACH_PROVIDERS='\(.*\)'/\1/p" provider.out)
  [ -n "$TF_REATTACH_PROVIDERS" ] || { echo "the provider did not start in debug mode:" >&2; cat provider.out >&2; exit 1; }
  export TF_REATTACH_PROVIDERS
fi

# shellcheck source=/dev/null
source "$1"
