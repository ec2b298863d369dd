"""The stand-in services of one boot-sandbox run, on loopback inside the run's network namespace, in one process.

Usage: services.py <IMDS port> <AWS CLI port> <region> <sandbox dir>

- The EC2 instance metadata service, IMDSv2 only: a PUT to /latest/api/token with a TTL header returns a fresh
  token; metadata GETs need that token, as on an instance with http_tokens = "required", else 401. Requests go to
  $SANDBOX/imds.log, tokens to imds.log.tokens.
- The AWS CLI's `secretsmanager get-secret-value`, answered for bin/aws (a small client, so each call costs a curl
  rather than a Python start-up): secrets come from $SANDBOX/secrets.json; $SANDBOX/aws-failures holds how many
  calls fail first as if the network were not up yet; SecretString is printed JSON-encoded, as
  `--query SecretString --output json` does. Each call's argv goes to $SANDBOX/argv.log.
"""
import http.server
import json
import os
import secrets
import sys
import threading
import traceback
import urllib.parse

imds_port, aws_port, region, sandbox = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
imds_log = os.path.join(sandbox, "imds.log")
tokens = set()


class Quiet(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, data):
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Imds(Quiet):
    def _reply(self, status, body=""):
        # Logged before the answer: once the client has it, its next request may be logged by another thread.
        with open(imds_log, "a") as log:
            log.write("%s %s %d\n" % (self.command, self.path, status))
        self.send(status, body.encode())

    def do_PUT(self):
        if self.path != "/latest/api/token" or not self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            return self._reply(400)
        token = secrets.token_urlsafe(24)
        tokens.add(token)
        with open(imds_log + ".tokens", "a") as log:
            log.write(token + "\n")
        self._reply(200, token)

    def do_GET(self):
        if self.headers.get("X-aws-ec2-metadata-token") not in tokens:
            return self._reply(401)
        if self.path == "/latest/meta-data/placement/region":
            return self._reply(200, region)
        self._reply(404)


def aws_cli(args):
    """What `aws <args>` would do: (exit status, stdout bytes, stderr bytes)."""
    with open(os.path.join(sandbox, "argv.log"), "a") as log:
        log.write(json.dumps(["aws"] + args) + "\n")

    def option(name):
        return args[args.index(name) + 1] if name in args else None

    if args[:2] != ["secretsmanager", "get-secret-value"] or option("--query") != "SecretString" or option("--output") != "json":
        return 252, b"", ("fake aws: unexpected call %r\n" % args).encode()
    arn = option("--secret-id")
    expected_region = arn.split(":")[3] if arn.startswith("arn:") else region
    if option("--region") != expected_region:
        return 252, b"", ("fake aws: wrong region %r\n" % option("--region")).encode()
    failures_file = os.path.join(sandbox, "aws-failures")
    failures = int(open(failures_file).read()) if os.path.exists(failures_file) else 0
    if failures > 0:
        open(failures_file, "w").write(str(failures - 1))
        return 255, b"", ('\nCould not connect to the endpoint URL: "https://secretsmanager.%s.amazonaws.com/"\n' % option("--region")).encode()
    stored = json.load(open(os.path.join(sandbox, "secrets.json"), encoding="utf-8"))
    if arn not in stored:
        return 254, b"", (b"\nAn error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: "
                          b"Secrets Manager can't find the specified secret.\n")
    return 0, (json.dumps(stored[arn], ensure_ascii=False) + "\n").encode("utf-8"), b""


class AwsCli(Quiet):
    # The reply bin/aws reads: "<exit status>\n<out|err>\n" and then the bytes for that stream.
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        args = [value for key, value in urllib.parse.parse_qsl(body, keep_blank_values=True) if key == "arg"]
        try:
            status, out, err = aws_cli(args)
        except Exception:  # a call the stand-in cannot read fails as the real CLI would, not as a dead network
            status, out, err = 1, b"", traceback.format_exc().encode()
        self.send(200, b"%d\n%s\n" % (status, b"err" if err else b"out") + (err or out))


# Both listen before `ready` is written, and run.sh waits for it, so the script never finds either closed.
imds_server = http.server.ThreadingHTTPServer(("127.0.0.1", imds_port), Imds)
aws_server = http.server.ThreadingHTTPServer(("127.0.0.1", aws_port), AwsCli)
threading.Thread(target=aws_server.serve_forever, daemon=True).start()
open(os.path.join(sandbox, "ready"), "w").close()
imds_server.serve_forever()
