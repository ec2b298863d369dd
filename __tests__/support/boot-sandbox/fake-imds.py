"""Stand-in for the EC2 instance metadata service (IMDSv2 only), served on loopback inside the test's netns.

Usage: fake-imds.py <port> <region> <log file>. A PUT to /latest/api/token with a TTL header returns a fresh
token; metadata GETs need that token, as on an instance with http_tokens = "required", else 401.
"""
import http.server
import secrets
import sys

port, region, log_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
tokens = set()


class Handler(http.server.BaseHTTPRequestHandler):
    def _reply(self, status, body=""):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        with open(log_path, "a") as log:
            log.write("%s %s %d\n" % (self.command, self.path, status))

    def do_PUT(self):
        if self.path != "/latest/api/token" or not self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            return self._reply(400)
        token = secrets.token_urlsafe(24)
        tokens.add(token)
        with open(log_path + ".tokens", "a") as log:
            log.write(token + "\n")
        self._reply(200, token)

    def do_GET(self):
        if self.headers.get("X-aws-ec2-metadata-token") not in tokens:
            return self._reply(401)
        if self.path == "/latest/meta-data/placement/region":
            return self._reply(200, region)
        self._reply(404)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
