#!/bin/bash
# Runs a boot script in a sandbox: its own network namespace with only loopback, a stand-in IMDS on loopback,
# stand-ins for aws/sleep on PATH, and $SANDBOX/root in place of / for /etc/ecs.
# Usage (inside `unshare --net -r`): run.sh <sandbox dir> <boot script>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export SANDBOX=$1
script=$2
ip link set lo up
port=8111
python3 "$here/fake-imds.py" "$port" "$FAKE_REGION" "$SANDBOX/imds.log" &
imds=$!
trap 'kill "$imds" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  /bin/sleep 0.1
done
real_curl=$(command -v curl)
real_python=$(command -v python3)
PATH="$here/bin:/usr/local/bin:/usr/bin:/bin" \
  AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$port" \
  ECS_REGISTRY_AUTH_ROOT="$SANDBOX/root" \
  REAL_CURL="$real_curl" REAL_PYTHON="$real_python" \
  bash "$script" >"$SANDBOX/stdout" 2>"$SANDBOX/stderr"
