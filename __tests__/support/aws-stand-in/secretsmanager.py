#!/usr/bin/env python3
"""Stand-in for the Secrets Manager API (JSON 1.1 over HTTP) on loopback, for real `terraform apply` runs.

Serves the calls the AWS provider makes for aws_secretsmanager_secret and _secret_version, keeps secrets in memory
and appends every request (target and body) to a log, so a test can count where a value went.
Usage: secretsmanager.py <port> <request log> [operation to answer once with a 500]
The optional third argument makes the SDK's retry happen on every run instead of only on a busy machine: a test
that counts writes must tell a retry (same ClientRequestToken) from a second write.
"""
import json
import sys
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
port, log = int(sys.argv[1]), sys.argv[2]
fail_once = set(sys.argv[3:4])
secrets = {}
class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        target = self.headers.get("X-Amz-Target", "")
        with open(log, "a") as f: f.write(json.dumps({"target": target, "body": body}) + "\n")
        req = json.loads(body or "{}")
        op = target.split(".")[-1]
        def ok(obj): 
            data = json.dumps(obj).encode(); self.send_response(200); self.send_header("Content-Type","application/x-amz-json-1.1"); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
        def err(code, msg):
            data = json.dumps({"__type": code, "message": msg}).encode(); self.send_response(400); self.send_header("Content-Type","application/x-amz-json-1.1"); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
        sid = req.get("SecretId")
        def find(s):
            for k,v in secrets.items():
                if s in (k, v["Name"]): return v
            return None
        if op == "CreateSecret":
            arn = f"arn:aws:secretsmanager:eu-west-1:111122223333:secret:{req['Name']}-AbC123"
            secrets[arn] = {"ARN": arn, "Name": req["Name"], "Description": req.get("Description"), "versions": {}}
            return ok({"ARN": arn, "Name": req["Name"]})
        if op in fail_once:
            fail_once.discard(op)
            data = json.dumps({"__type": "InternalServiceError", "message": "stand-in fault"}).encode()
            self.send_response(500); self.send_header("Content-Length", str(len(data))); self.end_headers()
            return self.wfile.write(data)
        s = find(sid) if sid else None
        if op == "DescribeSecret":
            if not s: return err("ResourceNotFoundException", "no")
            return ok({"ARN": s["ARN"], "Name": s["Name"], "Description": s["Description"], "VersionIdsToStages": {v: ["AWSCURRENT"] for v in s["versions"]}})
        if op == "GetResourcePolicy":
            return ok({"ARN": s["ARN"], "Name": s["Name"]})
        if op == "PutSecretValue":
            vid = req.get("ClientRequestToken") or str(uuid.uuid4())
            s["versions"] = {vid: req.get("SecretString")}
            return ok({"ARN": s["ARN"], "Name": s["Name"], "VersionId": vid, "VersionStages": ["AWSCURRENT"]})
        if op == "GetSecretValue":
            vid = req.get("VersionId") or next(iter(s["versions"]))
            return ok({"ARN": s["ARN"], "Name": s["Name"], "VersionId": vid, "SecretString": s["versions"][vid], "VersionStages": ["AWSCURRENT"]})
        if op == "ListSecretVersionIds":
            return ok({"ARN": s["ARN"], "Name": s["Name"], "Versions": [{"VersionId": v, "VersionStages": ["AWSCURRENT"]} for v in s["versions"]]})
        if op == "DeleteSecret":
            secrets.pop(s["ARN"], None); return ok({"ARN": s["ARN"], "Name": s["Name"]})
        return err("InvalidRequestException", f"unsupported {op}")
HTTPServer(("127.0.0.1", port), Handler).serve_forever()
