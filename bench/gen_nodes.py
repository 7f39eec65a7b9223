#!/usr/bin/env python3
"""Generate a synthetic ecsnodes inventory for benchmarks.

Writes N nodes (one per container of a running ECS task) in Rundeck's resource-json
map form (or resource-yaml with --format yaml), using the same attribute names as
examples/fleet.json:

    python3 bench/gen_nodes.py --count 100000 --out bench/data/nodes-100k.json [--seed 1]
    python3 bench/gen_nodes.py --count 1000000 --out bench/data/nodes-1m.yaml --format yaml

The output depends only on --count and --seed. It is written as it is generated, one
node per line, so memory use stays flat for any count. About 1 container in 8 runs an
image whose name contains "spring". Standard library only.
"""

import argparse
import hashlib
import json
import os
import random
import sys
import time

ACCOUNT = "123456789012"

REGIONS = [
    # region, short code, availability-zone letters
    ("eu-west-1", "euw1", "abc"),
    ("us-east-1", "use1", "abcdf"),
    ("eu-central-1", "euc1", "abc"),
    ("ap-southeast-2", "apse2", "abc"),
]

ENVS = [("prod", 5), ("staging", 3), ("dev", 2)]

# Business domains and the team that owns them.
DOMAINS = [
    ("payments", "payments"), ("refunds", "payments"), ("ledger", "finance"),
    ("invoice", "finance"), ("tax", "finance"), ("checkout", "commerce"),
    ("cart", "commerce"), ("pricing", "commerce"), ("inventory", "supply"),
    ("shipping", "supply"), ("fraud", "risk"), ("identity", "identity"),
    ("profile", "identity"), ("notify", "messaging"), ("email", "messaging"),
    ("search", "discovery"), ("reco", "discovery"), ("reviews", "discovery"),
    ("loyalty", "growth"), ("catalog", "catalog"), ("media", "content"),
    ("cms", "content"), ("geo", "platform"), ("audit", "security"),
]

NGINX = "public.ecr.aws/nginx/nginx:1.25.4-alpine"
DATADOG = "public.ecr.aws/datadog/agent:7.52.1"
FLUENT_BIT = "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2"
REDIS = "public.ecr.aws/docker/library/redis:7.2.4-alpine"

SPRING_VERSIONS = ["2.7.18", "3.1.11", "3.2.5", "3.2.6", "3.3.0"]

# Sidecar containers: name, image, cpu, memory reservation, health when exec/healthcheck set.
SIDECARS = {
    "nginx": ("nginx", NGINX, "128", "128", "UNKNOWN"),
    "datadog": ("datadog-agent", DATADOG, "128", "256", "HEALTHY"),
    "fluent-bit": ("log-router", FLUENT_BIT, "64", "64", "UNKNOWN"),
}

# Service templates. Weights are per service; every service (and every group of
# standalone tasks) gets the same task-count distribution, so the expected share of
# "spring" containers is (2*1 + 2*1 + 1*1) / (2*3 + 2*2 + 1*1 + 4*2 + 4*1 + 3*2 + 2*3
# + 3*1 + 2*1) = 5/40 = 1/8.
#   kind, weight, spring?, sidecars, app cpu choices, app memory reservation choices
TEMPLATES = [
    ("svc", 2, True, ("nginx", "datadog"), ("512", "1024"), ("1024", "2048")),
    ("core", 2, True, ("datadog",), ("1024", "2048"), ("1536", "3072")),
    ("config", 1, True, (), ("256", "512"), ("512", "768")),
    ("api", 4, False, ("datadog",), ("256", "512"), ("256", "512")),
    ("worker", 4, False, (), ("256", "512", "1024"), ("256", "512", "1024")),
    ("web", 3, False, ("nginx",), ("256", "512"), ("512",)),
    ("indexer", 2, False, ("datadog", "fluent-bit"), ("1024",), ("2048",)),
    ("cache", 3, False, (), ("512",), ("1024",)),
    ("batch", 2, False, (), ("1024", "2048"), ("2048", "4096")),
]

BASE_EPOCH = 1717200000  # 2024-06-01T00:00:00Z


class Task:
    """The task-level facts shared by every container (node) of one ECS task."""

    __slots__ = ("region", "cluster", "task_id", "service", "family", "revision",
                 "launch_type", "az", "ip", "exec_enabled", "started_at", "last_status",
                 "desired_status", "platform_version", "tags", "env")


class Container:
    __slots__ = ("name", "uuid", "image", "cpu", "mem_res", "health", "agent_status",
                 "runtime_id", "last_status")


_digests = {}


def image_digest(image):
    """A stable fake digest: the same image always gets the same digest."""
    d = _digests.get(image)
    if d is None:
        d = "sha256:" + hashlib.sha256(image.encode()).hexdigest()
        _digests[image] = d
    return d


def uuid4(rng):
    """A random-looking version-4 UUID string from rng."""
    h = "%032x" % rng.getrandbits(128)
    variant = "89ab"[int(h[16], 16) & 3]
    return f"{h[0:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"


def iso_utc(epoch):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def node_attributes(task, c, account=ACCOUNT):
    """Node name and attributes (all strings) for container c of task.

    The attribute set is the one examples/fleet.json uses: the seed plugin's ten
    visible names, more task/container facts under ECS:, one ECS:Tag:<key> per task tag,
    and Rundeck's nodename/hostname/username/osFamily/description/tags.
    """
    region, cluster = task.region, task.cluster
    arn = f"arn:aws:ecs:{region}:{account}:"
    name = f"{c.name}-{c.uuid}"
    owner = (f"service {task.service}" if task.service
             else f"standalone task (family {task.family})")
    tag_words = {cluster, task.service or task.family, task.launch_type.lower()}
    for k, v in task.tags:
        if k == "env":
            tag_words.add(v)
    a = {
        "nodename": name,
        "hostname": task.ip,
        "username": "root",
        "osFamily": "unix",
        "description": f"{c.name} container of {owner} on ECS cluster {cluster} ({region})",
        "tags": ", ".join(sorted(tag_words)),
        "ECS:Account-ID": account,
        "ECS:Availability-Zone": task.az,
        "ECS:CPU": c.cpu,
        "ECS:Cluster-ARN": f"{arn}cluster/{cluster}",
        "ECS:Cluster-Name": cluster,
        "ECS:Container-ARN": f"{arn}container/{cluster}/{task.task_id}/{c.uuid}",
        "ECS:Container-Image": c.image,
        "ECS:Container-Name": c.name,
        "ECS:Container-Tags": "[]",
        "ECS:Desired-Status": task.desired_status,
        "ECS:Exec-Enabled": "true" if task.exec_enabled else "false",
    }
    # DescribeTasks lists no ExecuteCommandAgent for a task started without exec.
    if c.agent_status is not None:
        a["ECS:Exec-Agent-Status"] = c.agent_status
    a["ECS:Health-Status"] = c.health
    a["ECS:Image-Digest"] = image_digest(c.image)
    a["ECS:Last-Status"] = c.last_status
    a["ECS:Memory-Reservation"] = c.mem_res
    if task.platform_version is not None:
        a["ECS:Platform-Version"] = task.platform_version
    a["ECS:Private-IP"] = task.ip
    a["ECS:Region"] = region
    a["ECS:Runtime-ID"] = c.runtime_id
    if task.service:
        a["ECS:Service-Name"] = task.service
    a["ECS:Started-At"] = task.started_at
    a["ECS:Task-ARN"] = f"{arn}task/{cluster}/{task.task_id}"
    a["ECS:Task-Definition-ARN"] = f"{arn}task-definition/{task.family}:{task.revision}"
    a["ECS:Task-Definition-Family"] = task.family
    a["ECS:Task-Definition-Revision"] = str(task.revision)
    a["ECS:Task-ID"] = task.task_id
    a["ECS:Task-Launch-Type"] = task.launch_type
    for k, v in task.tags:
        a["ECS:Tag:" + k] = v
    return name, a


def fargate_runtime_id(rng, task_id):
    # Fargate runtime ids are "<task id>-<number>", as in the seed's screenshots.
    return f"{task_id}-{rng.randrange(1000000000, 4294967296)}"


def ec2_runtime_id(rng, task_id):
    # On EC2 the runtime id is the 64-hex Docker container id.
    return "%064x" % rng.getrandbits(256)


def app_image(rng, region, domain, kind):
    ecr = f"{ACCOUNT}.dkr.ecr.{region}.amazonaws.com"
    if kind == "svc":
        return f"{ecr}/{domain}-spring:{rng.choice(SPRING_VERSIONS)}"
    if kind == "core":
        return f"{ecr}/{domain}-core-spring-boot:{rng.choice(SPRING_VERSIONS)}"
    if kind == "config":
        return f"springcloud/spring-cloud-config-server:4.1.{rng.randrange(0, 3)}"
    if kind == "api":
        return f"{ecr}/{domain}-api:v1.{rng.randrange(0, 40)}.{rng.randrange(0, 10)}"
    if kind == "worker":
        return f"{ecr}/{domain}-worker:{rng.randrange(1, 4)}.{rng.randrange(0, 20)}.{rng.randrange(0, 10)}"
    if kind == "web":
        return (f"{ecr}/{domain}-web:2024.{rng.randrange(1, 6):02d}.{rng.randrange(1, 29):02d}"
                f"-{rng.getrandbits(28):07x}")
    if kind == "indexer":
        return f"{ecr}/{domain}-indexer:py3.12-{rng.randrange(0, 5)}.{rng.randrange(0, 30)}"
    if kind == "cache":
        return REDIS
    if kind == "batch":
        return f"{ecr}/{domain}-jobs:2024.05.{rng.randrange(1, 10)}"
    raise ValueError(kind)


def weighted(rng, items, total):
    r = rng.randrange(total)
    for item, w in items:
        if r < w:
            return item
        r -= w
    raise AssertionError


def generate(count, seed):
    """Yield (name, attributes) for `count` nodes, deterministically from `seed`."""
    rng = random.Random(seed)
    templates = [(t, t[1]) for t in TEMPLATES]
    t_total = sum(w for _, w in templates)
    env_total = sum(w for _, w in ENVS)
    per_pair = {}
    produced = 0
    cluster_index = 0
    while True:
        env = weighted(rng, ENVS, env_total)
        region, rcode, az_letters = REGIONS[cluster_index % len(REGIONS)]
        n = per_pair.get((env, rcode), 0) + 1
        per_pair[(env, rcode)] = n
        cluster = f"{env}-{rcode}-{n:02d}"
        octet2 = cluster_index % 256
        cluster_index += 1
        ip_counter = 0
        used = set()
        for _ in range(rng.randrange(8, 41)):
            tpl = weighted(rng, templates, t_total)
            kind, _, spring, sidecars, cpus, mems = tpl
            domain, team = rng.choice(DOMAINS)
            base = f"{domain}-{kind}"
            svc_name = base
            k = 2
            while svc_name in used:
                svc_name = f"{base}-{k}"
                k += 1
            used.add(svc_name)
            standalone = kind == "batch"
            service = None if standalone else svc_name
            family = f"{svc_name}-{env}" if env != "prod" else svc_name
            if standalone:
                family = f"{domain}-nightly" + ("" if env == "prod" else f"-{env}")
            revision = rng.randrange(1, 300)
            launch = "FARGATE" if rng.random() < 0.7 else "EC2"
            exec_on = rng.random() < (0.5 if standalone else 0.92)
            image = app_image(rng, region, domain, kind)
            app_name = domain if kind == "svc" else svc_name
            cpu = rng.choice(cpus)
            mem = rng.choice(mems)
            has_hc = kind not in ("worker", "batch")
            tags = [("env", env), ("team", team), ("cost-center", f"cc-{rng.randrange(1000, 9999)}")]
            if standalone:
                tags.append(("job", family))
            elif rng.random() < 0.5:
                tags += [("aws:ecs:clusterName", cluster), ("aws:ecs:serviceName", svc_name)]
            for _ in range(rng.randrange(1, 7)):
                t = Task()
                t.region, t.cluster, t.service, t.family = region, cluster, service, family
                t.revision, t.launch_type, t.exec_enabled, t.tags, t.env = revision, launch, exec_on, tags, env
                t.task_id = "%032x" % rng.getrandbits(128)
                t.az = region + rng.choice(az_letters)
                t.ip = f"10.{octet2}.{(ip_counter // 250) % 256}.{ip_counter % 250 + 4}"
                ip_counter += 1
                t.started_at = iso_utc(BASE_EPOCH - rng.randrange(0, 45 * 86400))
                t.platform_version = "1.4.0" if launch == "FARGATE" else None
                t.desired_status = "STOPPED" if rng.random() < 0.02 else "RUNNING"
                t.last_status = "PENDING" if rng.random() < 0.01 else "RUNNING"
                runtime = fargate_runtime_id if launch == "FARGATE" else ec2_runtime_id
                specs = [(app_name, image, cpu, mem, "HEALTHY" if has_hc else "UNKNOWN")]
                specs += [SIDECARS[s] for s in sidecars]
                if kind == "cache":
                    specs = [("redis", image, cpu, mem, "HEALTHY")]
                for cname, cimage, ccpu, cmem, chealth in specs:
                    c = Container()
                    c.name, c.image, c.cpu, c.mem_res = cname, cimage, ccpu, cmem
                    c.uuid = uuid4(rng)
                    c.runtime_id = runtime(rng, t.task_id)
                    c.last_status = t.last_status
                    if t.last_status == "PENDING":
                        c.health, c.agent_status = "UNKNOWN", ("PENDING" if exec_on else None)
                    else:
                        c.health = chealth
                        if chealth == "HEALTHY":
                            r = rng.random()
                            c.health = "UNHEALTHY" if r < 0.03 else ("UNKNOWN" if r < 0.05 else "HEALTHY")
                        if exec_on:
                            r = rng.random()
                            c.agent_status = "STOPPED" if r < 0.015 else ("PENDING" if r < 0.04 else "RUNNING")
                        else:
                            c.agent_status = None
                    yield node_attributes(t, c)
                    produced += 1
                    if produced >= count:
                        return


def write(nodes, out, fmt):
    """Stream nodes to the open text file `out`, one node per line."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    buf = []
    n = 0
    if fmt == "json":
        out.write("{")
        sep = "\n"
        for name, attrs in nodes:
            buf.append(f"{sep}  {dumps(name)}: {dumps(attrs)}")
            sep = ",\n"
            n += 1
            if len(buf) >= 4096:
                out.write("".join(buf))
                buf.clear()
        buf.append("\n}\n")
    else:
        # resource-yaml map form. JSON strings are valid YAML double-quoted scalars, so
        # every key and value is written quoted and stays a string.
        for name, attrs in nodes:
            buf.append(f"{dumps(name)}:\n")
            buf.extend(f"  {dumps(k)}: {dumps(v)}\n" for k, v in attrs.items())
            n += 1
            if len(buf) >= 65536:
                out.write("".join(buf))
                buf.clear()
        if n == 0:
            buf.append("{}\n")
    out.write("".join(buf))
    return n


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--count", type=int, required=True, help="number of nodes (containers)")
    p.add_argument("--out", required=True, help="output path, or - for stdout")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--format", choices=("json", "yaml"), default=None,
                   help="resource-json (default) or resource-yaml; default from the "
                        "--out extension (.yaml/.yml means yaml)")
    args = p.parse_args(argv)
    if args.count < 0:
        p.error("--count must be >= 0")
    fmt = args.format or ("yaml" if args.out.endswith((".yaml", ".yml")) else "json")

    t0 = time.monotonic()
    nodes = generate(args.count, args.seed) if args.count else iter(())
    if args.out == "-":
        n = write(nodes, sys.stdout, fmt)
    else:
        d = os.path.dirname(args.out)
        if d:
            os.makedirs(d, exist_ok=True)
        tmp = args.out + ".tmp"
        with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as f:
            n = write(nodes, f, fmt)
        os.replace(tmp, args.out)
    size = os.path.getsize(args.out) if args.out != "-" else 0
    print(f"gen_nodes: wrote {n} nodes ({fmt}, seed {args.seed}) to {args.out}"
          + (f", {size} bytes" if size else "")
          + f" in {time.monotonic() - t0:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
