#!/bin/bash
# Runs a boot script in a sandbox: its own network namespace with only loopback, a stand-in IMDS and AWS CLI
# service on loopback (services.py), stand-ins for aws/sleep on PATH, and $SANDBOX/root in place of / for /etc/ecs.
# Usage (inside `unshare --net -r`): run.sh <sandbox dir> <boot script>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export SANDBOX=$1
script=$2
ip link set lo up
imds_port=8111
aws_port=8112
python3 "$here/services.py" "$imds_port" "$aws_port" "$FAKE_REGION" "$SANDBOX" &
services=$!
trap 'kill "$services" 2>/dev/null || true' EXIT
# services.py writes $SANDBOX/ready once both ports listen. A Python start can take seconds on a busy machine, and a
# script started before then would fail or retry, which the tests would read as the script's own behaviour.
for _ in $(seq 6000); do
  [ -e "$SANDBOX/ready" ] || ! kill -0 "$services" 2>/dev/null && break
  /bin/sleep 0.01
done
[ -e "$SANDBOX/ready" ] || { echo "boot sandbox: the stand-in services did not start" >&2; exit 97; }
real_curl=$(command -v curl)
real_python=$(command -v python3)
PATH="$here/bin:/usr/local/bin:/usr/bin:/bin" \
  AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$imds_port" \
  AWS_STAND_IN="http://127.0.0.1:$aws_port" \
  ECS_REGISTRY_AUTH_ROOT="$SANDBOX/root" \
  REAL_CURL="$real_curl" REAL_PYTHON="$real_python" \
  bash "$script" >"$SANDBOX/stdout" 2>"$SANDBOX/stderr"
