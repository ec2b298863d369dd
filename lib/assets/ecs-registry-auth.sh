#!/bin/bash
# ecs-registry-auth: at boot, reads private-registry credentials from AWS Secrets Manager with the instance
# profile's credentials and hands them to the ECS agent as ECS_ENGINE_AUTH_TYPE/ECS_ENGINE_AUTH_DATA in
# /etc/ecs/ecs.config (mode 0600). Written by cdktf-private-registry.
#
# This script handles passwords: never add `set -x`, never put a secret on a command line (ps shows those), never
# print one. Secrets move only through shell variables, builtins (printf) and pipes.
set -euo pipefail
umask 077

readonly PROG=ecs-registry-auth
# The standard AWS override for the instance metadata endpoint; tests point it at a stand-in.
readonly IMDS="${AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}"
readonly ECS_CONFIG="${ECS_REGISTRY_AUTH_ROOT:-}/etc/ecs/ecs.config"
readonly MAX_ATTEMPTS=8
readonly AUTH_DATA_KEY=ECS_ENGINE_AUTH_DATA
readonly MAX_AUTH_LINE=131072

# One "<registry auth key> <secret ARN>" pair per registry. An ARN that Terraform fills in at apply time comes as
# "b64:<base64 of the ARN>", so whatever the value holds, it reaches this script as data, never as shell code.
readonly REGISTRIES=(
#REGISTRIES#
)

# Builds the agent's `docker` auth data from "<key>\t<SecretString as a JSON string>" lines on stdin. It runs on
# Python 2.7 (Amazon Linux 2) and 3 (AL2023), emits compact ASCII JSON (non-ASCII as \u escapes, which the agent
# decodes back to the same bytes) and never echoes secret content in its errors.
# shellcheck disable=SC2016
readonly BUILD_AUTH_DATA='
import json, sys
text = (type(u""), str)
# Split on "\n" only: splitlines() would also split inside values at U+2028 and other separators.
lines = [l for l in getattr(sys.stdin, "buffer", sys.stdin).read().decode("utf-8").split("\n") if l]
auth = {}
for line in lines:
    key, _, raw = line.partition("\t")
    try:
        secret = json.loads(json.loads(raw))
    except (ValueError, TypeError):  # TypeError: a binary secret has no SecretString (null)
        secret = None
    if not isinstance(secret, dict):
        sys.stderr.write("ecs-registry-auth: ERROR: the secret for %s is not a JSON object; store {\"username\": \"...\", \"password\": \"...\"}\n" % key)
        sys.exit(3)
    for field in ("username", "password"):
        if not isinstance(secret.get(field), text) or not secret.get(field):
            sys.stderr.write("ecs-registry-auth: ERROR: the secret for %s has no non-empty string \"%s\"; store {\"username\": \"...\", \"password\": \"...\"}\n" % (key, field))
            sys.exit(3)
    # HTTP basic authentication, which registries sign in with, ends the user name at its first ":".
    if ":" in secret["username"] or [c for c in secret["username"] if ord(c) < 32 or ord(c) == 127]:
        sys.stderr.write("ecs-registry-auth: ERROR: the secret for %s has a \"username\" with a colon or a control character, which registry sign-in cannot carry\n" % key)
        sys.exit(3)
    auth[key] = {"username": secret["username"], "password": secret["password"], "email": ""}
sys.stdout.write(json.dumps(auth, separators=(",", ":"), sort_keys=True))
'

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# retry <what> <command...>: reruns command with exponential backoff (2 s doubling, capped at 60 s) while the
# network, IMDS or Secrets Manager is not ready. Status 2 from the command means "permanent, do not retry".
retry() {
  local what=$1 attempt=1 delay=2 status
  shift
  while true; do
    status=0
    "$@" || status=$?
    if ((status == 0 || status == 2)); then return "$status"; fi
    if ((attempt >= MAX_ATTEMPTS)); then
      log "$what failed $attempt times, giving up"
      return 1
    fi
    log "$what failed (attempt $attempt of $MAX_ATTEMPTS), retrying in ${delay}s"
    sleep "$delay"
    attempt=$((attempt + 1))
    delay=$((delay * 2 > 60 ? 60 : delay * 2))
  done
}

imds_token=""
fetch_imds_token() {
  imds_token=$(curl -sSf --max-time 5 -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 300" "$IMDS/latest/api/token") &&
    [[ -n $imds_token ]]
}

region=""
fetch_region() {
  # The session token goes to curl on stdin (-H @-), not on its command line.
  region=$(curl -sSf --max-time 5 -H @- "$IMDS/latest/meta-data/placement/region" <<<"X-aws-ec2-metadata-token: $imds_token") &&
    [[ $region =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]]
}

ensure_aws_cli() {
  command -v aws >/dev/null && return 0
  log "the AWS CLI is missing, installing it"
  if command -v dnf >/dev/null; then
    dnf install -y -q awscli-2
  elif command -v yum >/dev/null; then
    yum install -y -q awscli
  else
    log "no dnf or yum to install the AWS CLI with"
    return 2
  fi
}

secret_json=""
# fetch_secret <arn>: SecretString, JSON-encoded by the CLI so any character survives, into secret_json.
fetch_secret() {
  local arn=$1 error secret_region=$region
  # A secret ARN names its own region, which may differ from the instance's; only bare names use ours.
  if [[ $arn == arn:* ]]; then IFS=: read -r _ _ _ secret_region _ <<<"$arn"; fi
  if secret_json=$(PYTHONIOENCODING=utf-8 aws secretsmanager get-secret-value --region "$secret_region" --secret-id "$arn" \
    --query SecretString --output json 2>"$workdir/aws.err"); then
    return 0
  fi
  # AWS CLI errors name the secret and the failure, never the value.
  error=$(tr -d '\r' <"$workdir/aws.err" | grep -v '^[[:space:]]*$' | tail -n 1 | cut -c1-400)
  case $error in
    *ResourceNotFoundException*)
      log "secret $arn does not exist in $secret_region: $error"
      return 2
      ;;
    *DecryptionFailure* | *KMSAccessDenied*)
      log "secret $arn cannot be decrypted; the instance role needs kms:Decrypt on its key: $error"
      ;;
    *)
      log "reading secret $arn failed: $error"
      ;;
  esac
  return 1
}

write_ecs_config() {
  local auth=$1 dir tmp
  dir=$(dirname "$ECS_CONFIG")
  mkdir -p "$dir"
  tmp=$(mktemp "$dir/.ecs.config.XXXXXX")
  {
    # Keep what others wrote (Batch adds ECS_CLUSTER); the agent keeps only the last line of a key, so ours replace
    # any earlier auth lines instead of being appended after them.
    if [[ -f $ECS_CONFIG ]]; then grep -v -E '^[[:space:]]*ECS_ENGINE_AUTH_(TYPE|DATA)=' "$ECS_CONFIG" || true; fi
    printf 'ECS_ENGINE_AUTH_TYPE=docker\n'
    printf '%s=%s\n' "$AUTH_DATA_KEY" "$auth"
  } >"$tmp"
  chmod 0600 "$tmp"
  mv -f "$tmp" "$ECS_CONFIG"
}

# The auth data ecs.config holds now, if ours wrote it (empty otherwise).
current_auth() {
  [[ -f $ECS_CONFIG ]] && grep -qx 'ECS_ENGINE_AUTH_TYPE=docker' "$ECS_CONFIG" || return 0
  grep "^$AUTH_DATA_KEY=" "$ECS_CONFIG" | tail -n 1 | cut -d= -f2-
}

main() {
  local python entry key arn auth status
  local -a keys=() secrets=()
  python=$(command -v python3 || command -v python) || die "neither python3 nor python is installed"
  workdir=$(mktemp -d)
  trap 'rm -rf "$workdir"' EXIT

  retry "IMDSv2 token request" fetch_imds_token || die "no IMDSv2 token from $IMDS; is the instance metadata service enabled?"
  retry "region lookup" fetch_region || die "could not read the region from instance metadata"
  status=0
  retry "AWS CLI installation" ensure_aws_cli || status=$?
  ((status == 0)) || die "the AWS CLI is not installed and could not be installed"

  for entry in "${REGISTRIES[@]}"; do
    key=${entry%% *}
    arn=${entry#* }
    if [[ $arn == b64:* ]]; then
      arn=$(printf '%s' "${arn#b64:}" | base64 -d) || die "the secret reference for registry $key is not valid base64"
    fi
    [[ $arn =~ ^[A-Za-z0-9:/_+=.@-]+$ ]] || die "the secret reference for registry $key is not a secret ARN or name"
    status=0
    retry "reading the secret for $key" fetch_secret "$arn" || status=$?
    ((status == 0)) || die "no credentials for registry $key from secret $arn; see the messages above"
    keys+=("$key")
    secrets+=("$secret_json")
  done

  auth=$(for i in "${!keys[@]}"; do printf '%s\t%s\n' "${keys[i]}" "${secrets[i]}"; done | "$python" -c "$BUILD_AUTH_DATA") ||
    die "registry credentials are malformed; nothing was written to $ECS_CONFIG"
  # ecs-init hands the line to the agent's container as one environment string, which Linux caps at 128 KiB
  # (MAX_ARG_STRLEN, the terminating NUL included); a longer one would keep the agent from starting.
  if ((${#auth} + ${#AUTH_DATA_KEY} + 2 > MAX_AUTH_LINE)); then
    die "the registry credentials come to ${#auth} bytes of auth data, more than the ECS agent can take in one environment variable ($MAX_AUTH_LINE bytes); use shorter tokens or fewer registries per compute environment. Nothing was written to $ECS_CONFIG"
  fi
  # Run again (by the refresh timer, or by hand after rotating a secret), it changes nothing unless a secret changed:
  # no rewrite, and no agent restart.
  if [[ $(current_auth) == "$auth" ]]; then
    log "credentials for ${#keys[@]} registr$( ((${#keys[@]} == 1)) && echo y || echo ies) unchanged; $ECS_CONFIG and the ECS agent left alone"
    return 0
  fi
  write_ecs_config "$auth"
  # The ECS AMIs start the agent after cloud-init's final stage, so it normally reads the file fresh. Should it
  # already run, restart it; --no-block because waiting on a unit ordered after this stage would deadlock.
  if command -v systemctl >/dev/null && systemctl is-active --quiet ecs; then
    log "the ECS agent is already running; restarting it to load the credentials"
    systemctl try-restart --no-block ecs || log "could not restart the ECS agent; run: systemctl restart ecs"
  fi
  log "wrote credentials for ${#keys[@]} registr$( ((${#keys[@]} == 1)) && echo y || echo ies) (${keys[*]}) to $ECS_CONFIG"
}

main "$@"
