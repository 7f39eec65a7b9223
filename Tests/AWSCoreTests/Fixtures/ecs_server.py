#!/usr/bin/env python3
"""A fake ECS JSON 1.1 endpoint for what moto cannot show: pagination, throttling, 5xx.

    ecs_server.py [--fail-first N] [--fail-status STATUS] [--fail-body BODY] [--fail-type TYPE]
                  [--repeat-token] [--malformed]

Binds 127.0.0.1 on a free port, prints the port, serves until stdin closes.

POST / with X-Amz-Target AmazonEC2ContainerServiceV20141113.ACTION:
  * the first N requests are answered with STATUS (default 400) and BODY (Content-Type TYPE,
    default application/x-amz-json-1.1);
  * then ListClusters, ListTasks and ListServices return 5 ARNs in pages of 2, 2 and 1 (tokens
    "page-2", "page-3"; --repeat-token answers every page with the token "again");
    DescribeTasks returns a task per ARN asked for, and InvalidParameterException for more
    than 100; --malformed answers 200 with a body that is not JSON.
GET /_log returns every POST seen: {"target", "body" (parsed), "headers"}.
"""
import argparse, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--fail-first", type=int, default=0)
parser.add_argument("--fail-status", type=int, default=400)
parser.add_argument("--fail-body", default="")
parser.add_argument("--fail-type", default="application/x-amz-json-1.1")
parser.add_argument("--repeat-token", action="store_true")
parser.add_argument("--malformed", action="store_true")
options = parser.parse_args()
log = []
lock = threading.Lock()
PREFIX = "AmazonEC2ContainerServiceV20141113."
PAGES = {None: (0, 2, "page-2"), "page-2": (2, 4, "page-3"), "page-3": (4, 5, None)}
RESULT_KEYS = {"ListClusters": ("clusterArns", "cluster/c{}"), "ListTasks": ("taskArns", "task/c/{}"),
               "ListServices": ("serviceArns", "service/c/s{}")}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="application/x-amz-json-1.1"):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("x-amzn-RequestId", f"req-{len(log)}")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_log":
            with lock:
                return self.answer(200, list(log), "application/json")
        self.answer(404, "")

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        target = self.headers.get("X-Amz-Target", "")
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        with lock:
            log.append({"target": target, "body": body, "headers": dict(self.headers.items())})
            seen = len(log)
        if seen <= options.fail_first:
            return self.answer(options.fail_status, options.fail_body, options.fail_type)
        if options.malformed:
            return self.answer(200, "<html>not json</html>", "text/html")
        action = target[len(PREFIX):] if target.startswith(PREFIX) else ""
        if action in RESULT_KEYS:
            key, pattern = RESULT_KEYS[action]
            start, end, token = PAGES.get(body.get("nextToken"), (0, 0, None))
            result = {key: [f"arn:aws:ecs:us-east-1:123456789012:{pattern.format(i + 1)}" for i in range(start, end)]}
            if options.repeat_token:
                token = "again"
            if token:
                result["nextToken"] = token
            return self.answer(200, result)
        if action == "DescribeTasks":
            tasks = body.get("tasks", [])
            if len(tasks) > 100:
                return self.answer(400, {"__type": "InvalidParameterException", "message": "Tasks cannot be more than 100."})
            return self.answer(200, {"tasks": [{"taskArn": arn, "lastStatus": "RUNNING", "someNewField": {"x": 1}}
                                               for arn in tasks if "missing" not in arn],
                                     "failures": [{"arn": arn, "reason": "MISSING"} for arn in tasks if "missing" in arn]})
        self.answer(400, {"__type": "UnknownOperationException", "message": f"unknown target {target}"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
