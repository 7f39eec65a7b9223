#!/usr/bin/env python3
"""A fake ECS endpoint for the inventory benchmark (until ecs-sim exists): a generated fleet,
real pagination (ListClusters/ListTasks pages of 100), DescribeTasks of up to 100, a fixed
latency on every call, and call counts. Signatures are not checked.

    bench/fake_ecs.py [--clusters 20] [--tasks 250] [--containers 2] [--latency-ms 20]

Binds 127.0.0.1 on a free port, prints the port, serves until stdin closes.
GET /_stats returns {"calls": {action: count}}; POST /_reset zeroes them.
"""
import argparse, json, socket, sys, threading, time, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--clusters", type=int, default=20)
parser.add_argument("--tasks", type=int, default=250)
parser.add_argument("--containers", type=int, default=2)
parser.add_argument("--latency-ms", type=float, default=20)
options = parser.parse_args()

REGION, ACCOUNT = "us-east-1", "123456789012"
PREFIX = "AmazonEC2ContainerServiceV20141113."
clusters = [f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/bench-{c:02d}" for c in range(options.clusters)]
families = [f"svc-{f}" for f in range(10)]
tasks = {}
for c, cluster in enumerate(clusters):
    for t in range(options.tasks):
        task_id = uuid.UUID(int=c * 100000 + t).hex
        arn = f"arn:aws:ecs:{REGION}:{ACCOUNT}:task/bench-{c:02d}/{task_id}"
        family = families[t % len(families)]
        tasks[arn] = {
            "taskArn": arn, "clusterArn": cluster, "group": f"service:{family}", "launchType": "FARGATE",
            "taskDefinitionArn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{family}:3",
            "lastStatus": "RUNNING", "desiredStatus": "RUNNING", "cpu": "512", "memory": "1024",
            "availabilityZone": f"{REGION}a", "platformVersion": "1.4.0", "enableExecuteCommand": True,
            "startedAt": 1795939200.0, "tags": [{"key": "env", "value": "prod"}],
            "containers": [{
                "containerArn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:container/bench-{c:02d}/{task_id}/{uuid.UUID(int=(c * 100000 + t) * 10 + k)}",
                "name": f"app{k}", "image": f"example/{family}:1.{k}", "lastStatus": "RUNNING",
                "runtimeId": f"{task_id}-{k}", "networkInterfaces": [{"privateIpv4Address": f"10.{c}.{t // 250}.{t % 250}"}],
                "managedAgents": [{"name": "ExecuteCommandAgent", "lastStatus": "RUNNING"}],
            } for k in range(options.containers)],
        }
by_cluster = {cluster: [arn for arn, task in tasks.items() if task["clusterArn"] == cluster] for cluster in clusters}
calls, lock = {}, threading.Lock()
# Answers are the same for the same request: serialize each once, so the server's own CPU
# (Python's json on 100-task answers) does not become what the benchmark measures.
answers = {}


def page(items, body):
    start = int(body.get("nextToken") or 0)
    size = min(int(body.get("maxResults") or 100), 100)
    result = {"items": items[start:start + size]}
    if start + size < len(items):
        result["nextToken"] = str(start + size)
    return result


def cluster_arn(name):
    return name if name.startswith("arn:") else f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/{name}"


def answer(action, body):
    if action == "ListClusters":
        result = page(clusters, body)
        return {"clusterArns": result["items"], **({"nextToken": result["nextToken"]} if "nextToken" in result else {})}
    if action == "ListTasks":
        result = page(by_cluster.get(cluster_arn(body.get("cluster", "default")), []), body)
        return {"taskArns": result["items"], **({"nextToken": result["nextToken"]} if "nextToken" in result else {})}
    if action == "DescribeTasks":
        return {"tasks": [tasks[arn] for arn in body.get("tasks", [])[:100] if arn in tasks], "failures": []}
    if action == "DescribeTaskDefinition":
        arn = body["taskDefinition"]
        family = arn.split("/")[-1].split(":")[0]
        return {"taskDefinition": {"taskDefinitionArn": arn, "family": family, "revision": 3, "cpu": "512", "memory": "1024",
                                   "containerDefinitions": [{"name": f"app{k}", "image": f"example/{family}:1.{k}"} for k in range(options.containers)]},
                "tags": []}
    return {"clusters": [{"clusterArn": cluster_arn(c), "clusterName": cluster_arn(c).split("/")[-1]} for c in body.get("clusters", [])], "failures": []}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body go out in two writes: without this, Nagle's algorithm holds the body
        # until the client's delayed ACK, adding ~40 ms to every call of every client.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def reply(self, data):
        data = data if isinstance(data, bytes) else json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            self.reply({"calls": dict(calls)})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/_reset":
            with lock:
                calls.clear()
            return self.reply({})
        action = self.headers.get("X-Amz-Target", "").removeprefix(PREFIX)
        with lock:
            calls[action] = calls.get(action, 0) + 1
        time.sleep(options.latency_ms / 1000)
        key = (action, body)
        if key not in answers:
            answers[key] = json.dumps(answer(action, json.loads(body or b"{}"))).encode()
        self.reply(answers[key])


class Server(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: more simultaneous connects are refused and
    # the clients retry with backoff, which would measure the fake, not the clients.
    request_queue_size = 128


server = Server(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
