#!/usr/bin/env python3
"""A fake ECS container-credentials endpoint and EC2 instance metadata service for tests.

    credentials_server.py [--auth TOKEN] [--fail-first N] [--token-status STATUS] [--require-token]

Binds 127.0.0.1 on a free port, prints the port, serves until stdin closes. Routes:
  GET  /creds                                   container credentials (401 unless Authorization == TOKEN
                                                when --auth is given; 500 for the first N requests)
  PUT  /latest/api/token                        IMDSv2 token, answered with STATUS (default 200)
  GET  /latest/meta-data/iam/security-credentials/        "testrole"
  GET  /latest/meta-data/iam/security-credentials/testrole  credentials (401 without the token header
                                                when --require-token)
  GET  /federation/credentials?role_name=ReadOnly&account_id=111122223333
                                                an SSO portal: role credentials (expiration in epoch ms) for
                                                the bearer token "sso-access-token", else 401
  GET  /_log                                    the requests seen so far, as JSON
"""
import argparse, json, sys, threading
from urllib.parse import parse_qs, urlsplit
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--auth")
parser.add_argument("--fail-first", type=int, default=0)
parser.add_argument("--token-status", type=int, default=200)
parser.add_argument("--require-token", action="store_true")
options = parser.parse_args()
log = []
CREDENTIALS = {"AccessKeyId": "ASIATEST", "SecretAccessKey": "secret/test", "Token": "session-token",
               "Expiration": "2030-01-01T00:00:00Z", "Code": "Success", "Type": "AWS-HMAC"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def record(self):
        log.append({"method": self.command, "path": self.path, "headers": dict(self.headers.items())})

    def do_PUT(self):
        self.record()
        if self.path == "/latest/api/token":
            return self.answer(options.token_status, "imds-token" if options.token_status == 200 else "")
        self.answer(404, "")

    def do_GET(self):
        if self.path == "/_log":
            return self.answer(200, log)
        self.record()
        if self.path == "/creds":
            if len([r for r in log if r["path"] == "/creds"]) <= options.fail_first:
                return self.answer(500, "busy")
            if options.auth is not None and self.headers.get("Authorization") != options.auth:
                return self.answer(401, "no")
            return self.answer(200, CREDENTIALS)
        url = urlsplit(self.path)
        if url.path == "/federation/credentials":
            query = parse_qs(url.query)
            if (self.headers.get("x-amz-sso_bearer_token") != "sso-access-token"
                    or query != {"role_name": ["ReadOnly"], "account_id": ["111122223333"]}):
                self.send_response(401)
                self.send_header("x-amzn-ErrorType", "UnauthorizedException:http://internal.amazon.com/coral/")
                self.send_header("Content-Length", "2")
                self.end_headers()
                return self.wfile.write(b"{}")
            return self.answer(200, {"roleCredentials": {"accessKeyId": "ASIASSO", "secretAccessKey": "sso/secret",
                                                         "sessionToken": "sso-session-token", "expiration": 1893456000000}})
        if self.path == "/latest/meta-data/iam/security-credentials/":
            return self.answer(200, "testrole\n")
        if self.path == "/latest/meta-data/iam/security-credentials/testrole":
            if options.require_token and self.headers.get("x-aws-ec2-metadata-token") != "imds-token":
                return self.answer(401, "")
            return self.answer(200, CREDENTIALS)
        self.answer(404, "")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
