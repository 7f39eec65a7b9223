#!/usr/bin/env python3
"""A fake STS endpoint answering AssumeRole and AssumeRoleWithWebIdentity as the query
protocol does, for tests.

    sts_server.py [--deny ROLE_ARN]... [--expiration ISO8601]

Binds 127.0.0.1 on a free port, prints the port, serves until stdin closes. Routes:
  POST /      AssumeRole. The request must have Content-Type
              "application/x-www-form-urlencoded; charset=utf-8", the form fields Action=AssumeRole,
              Version=2011-06-15, RoleArn, RoleSessionName and DurationSeconds, and an
              Authorization header "AWS4-HMAC-SHA256 Credential=<key id>/<day>/<region>/sts/aws4_request,
              SignedHeaders=..., Signature=<64 hex>". Keys this server issued must come with the
              session token issued with them. Anything else is a 400 XML error (code BadFakeRequest).
              A role given with --deny gets a 403 AccessDenied XML error. Otherwise the answer holds
              AccessKeyId ASIA<ROLE NAME>, SecretAccessKey secret-<role name>,
              SessionToken token-<role name>-<n> (n counts calls) and an Expiration with microseconds
              (--expiration, else an hour from now).
              AssumeRoleWithWebIdentity must come unsigned (no Authorization header) with RoleArn,
              RoleSessionName and a WebIdentityToken; the token "expired-token" gets a 400
              InvalidIdentityToken error, any other the credentials above.
  GET  /_log  the requests seen so far, as JSON: role, session, duration, external_id,
              key_id, region, token, status.
"""
import argparse, datetime, json, re, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

parser = argparse.ArgumentParser()
parser.add_argument("--deny", action="append", default=[])
parser.add_argument("--expiration")
options = parser.parse_args()
log = []
issued = {}  # key id -> session token
lock = threading.Lock()
AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/sts/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$")
NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"


def error_xml(code, message):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="{NAMESPACE}">\n'
            f"  <Error>\n    <Type>Sender</Type>\n    <Code>{code}</Code>\n    <Message>{message}</Message>\n  </Error>\n"
            "  <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>\n</ErrorResponse>\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="text/xml"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_log":
            with lock:
                return self.answer(200, json.dumps(log), "application/json")
        self.answer(404, "")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
        auth = AUTHORIZATION.match(self.headers.get("Authorization", ""))
        token = self.headers.get("X-Amz-Security-Token")
        entry = {"role": form.get("RoleArn"), "session": form.get("RoleSessionName"),
                 "duration": form.get("DurationSeconds"), "external_id": form.get("ExternalId"),
                 "key_id": auth.group(1) if auth else None, "region": auth.group(3) if auth else None,
                 "token": token, "action": form.get("Action"), "web_identity_token": form.get("WebIdentityToken")}
        problem = None
        if self.path != "/":
            problem = f"path {self.path}"
        elif self.headers.get("Content-Type") != "application/x-www-form-urlencoded; charset=utf-8":
            problem = f"Content-Type {self.headers.get('Content-Type')}"
        elif form.get("Action") not in ("AssumeRole", "AssumeRoleWithWebIdentity") or form.get("Version") != "2011-06-15":
            problem = f"Action/Version in {body}"
        elif form["Action"] == "AssumeRoleWithWebIdentity":
            if "Authorization" in self.headers or not form.get("RoleArn") or not form.get("RoleSessionName") \
                    or not form.get("WebIdentityToken"):
                problem = f"unsigned request with RoleArn/RoleSessionName/WebIdentityToken: {body}"
        elif not form.get("RoleArn") or not form.get("RoleSessionName") or not form.get("DurationSeconds", "").isdigit():
            problem = f"RoleArn/RoleSessionName/DurationSeconds in {body}"
        elif not auth or "host" not in auth.group(4).split(";") or "x-amz-date" not in auth.group(4).split(";"):
            problem = f"Authorization {self.headers.get('Authorization')}"
        elif auth.group(1) in issued and issued[auth.group(1)] != token:
            problem = f"session token for {auth.group(1)}"
        with lock:
            log.append(entry)
            if problem:
                entry["status"] = 400
                return self.answer(400, error_xml("BadFakeRequest", problem))
            role = form["RoleArn"]
            if role in options.deny:
                entry["status"] = 403
                return self.answer(403, error_xml(
                    "AccessDenied", f"User: {entry['key_id']} is not authorized to perform: sts:AssumeRole on resource: {role}"))
            if form.get("WebIdentityToken") == "expired-token":
                entry["status"] = 400
                return self.answer(400, error_xml("InvalidIdentityToken", "Token is expired"))
            name = role.rsplit("/", 1)[-1]
            key_id = "ASIA" + re.sub(r"[^A-Z0-9]", "", name.upper())
            count = sum(1 for e in log if e["role"] == role and e.get("status") == 200) + 1
            issued[key_id] = f"token-{name}-{count}"
            entry["status"] = 200
        expiration = options.expiration or (
            datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        action = form["Action"]
        self.answer(200, f"""<{action}Response xmlns="{NAMESPACE}">
  <{action}Result>
    <Credentials>
      <AccessKeyId>{key_id}</AccessKeyId>
      <SecretAccessKey>secret-{name}</SecretAccessKey>
      <SessionToken>{issued[key_id]}</SessionToken>
      <Expiration>{expiration}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <AssumedRoleId>AROA123456789EXAMPLE:{form['RoleSessionName']}</AssumedRoleId>
      <Arn>arn:aws:sts::123456789012:assumed-role/{name}/{form['RoleSessionName']}</Arn>
    </AssumedRoleUser>
  </{action}Result>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</{action}Response>
""")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
