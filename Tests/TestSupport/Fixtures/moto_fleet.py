#!/usr/bin/env python3
"""moto 5.2.1 with a small ECS fleet, verifying SigV4, for the Swift tests (aws-core.md §3).

    moto_fleet.py

Runs moto's server in this process (a thread) on 127.0.0.1 and a free port, waits until it
answers, and builds the fleet with boto3 while authentication is still off:

  * IAM user `ecsnodes` with an access key and an inline allow-all policy;
  * clusters `prod` (tagged, one registered EC2 container instance, a service `web`) and
    `staging`;
  * task definitions `web` (bridge, two containers, EC2), `api` and `worker` (awsvpc, FARGATE);
  * tasks: 2 × web on EC2 in prod, 1 × api on FARGATE in prod (group service:api), 1 × worker on
    FARGATE in staging, all tagged, one with a tag added later by TagResource.

Tasks stay RUNNING (the ecs::task state transition is set to manual), and moto's task model is
patched so tasks carry every container of their definition with runtimeId, imageDigest and
managedAgents, and availabilityZone, enableExecuteCommand, startedAt, cpu and memory (stock moto
returns only the first container and none of those fields; aws-core.md §3.3, §3.6).

Then it turns SigV4 verification on (`POST /moto-api/reset-auth` with body `0`), checks that an
unknown key is refused, and prints ONE line of JSON:

  {"port", "region", "accessKeyId", "secretAccessKey", "clusterArns",
   "clusters": {NAME: {"arn", "taskArns", "serviceArns", "describeTasks"}},
   "describeTaskDefinition": {...}}      # boto3's own answers, timestamps as epoch seconds

and serves until its standard input closes. On a failure it prints {"error": "..."} instead.
"""
import datetime
import json
import logging
import sys
import time
import traceback
import urllib.request
import uuid

REGION = "us-east-1"


def patch_moto_tasks():
    """Gives moto's tasks every container of their definition and the fields it leaves out."""
    import moto.ecs.models as ecs_models

    original_init = ecs_models.Task.__init__

    def init(self, cluster, task_definition, *args, **kwargs):
        original_init(self, cluster, task_definition, *args, **kwargs)
        task_id = self.task_arn.rsplit("/", 1)[-1]
        eni = next((a for a in self.attachments if a["type"] == "ElasticNetworkInterface"), None)
        address = None
        if eni:
            address = next(d["value"] for d in eni["details"] if d["name"] == "privateIPv4Address")
        containers = []
        for index, definition in enumerate(task_definition.container_definitions):
            container = ecs_models.Container(task_definition)
            container.name = definition.get("name")
            container.image = definition.get("image")
            container.cpu = str(definition.get("cpu", 0))
            container.memory = None  # the copy of the first definition's, which may not be this one's
            if "memory" in definition:
                container.memory = str(definition["memory"])
            if "memoryReservation" in definition:
                container.memory_reservation = str(definition["memoryReservation"])
            container.task_arn = self.task_arn
            container.container_arn = f"{self.task_arn.replace(':task/', ':container/')}/{uuid.uuid4()}"
            container.last_status = "RUNNING"
            container.runtime_id = f"{task_id.replace('-', '')}-{index}{uuid.uuid4().hex[:9]}"
            container.image_digest = "sha256:" + uuid.uuid4().hex + uuid.uuid4().hex
            container.managed_agents = [{"name": "ExecuteCommandAgent", "lastStatus": "RUNNING"}]
            if eni:
                container.network_interfaces = [{"attachmentId": eni["id"], "privateIpv4Address": address}]
            containers.append(container)
        self.containers = containers
        self.availability_zone = REGION + "a"
        self.enable_execute_command = True
        self.started_at = datetime.datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.timezone.utc)
        self.cpu = task_definition.cpu or "256"
        self.memory = task_definition.memory or "512"

    ecs_models.Task.__init__ = init


def start_server():
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request on stderr

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    port = server.get_host_and_port()[1]
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(endpoint + "/moto-api/", timeout=2):
                return endpoint, port
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def post(url, body, content_type):
    request = urllib.request.Request(url, data=body.encode(), method="POST", headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read().decode()


def epoch(value):
    """json.dumps default: datetimes as epoch seconds, as the JSON protocol sends them."""
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    raise TypeError(f"cannot encode {type(value).__name__}")


def build_fleet(endpoint):
    import boto3
    from botocore.config import Config

    keys = dict(endpoint_url=endpoint, region_name=REGION, aws_access_key_id="fixture", aws_secret_access_key="fixture",
                config=Config(retries={"max_attempts": 1}))
    iam, ec2, ecs = boto3.client("iam", **keys), boto3.client("ec2", **keys), boto3.client("ecs", **keys)

    iam.create_user(UserName="ecsnodes")
    access_key = iam.create_access_key(UserName="ecsnodes")["AccessKey"]
    iam.put_user_policy(UserName="ecsnodes", PolicyName="allow-all", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))

    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})  # awsvpc tasks crash without it
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone=REGION + "a")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="ecsnodes", Description="fixture", VpcId=vpc)["GroupId"]
    network = {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group], "assignPublicIp": "DISABLED"}}

    ecs.create_cluster(clusterName="prod", tags=[{"key": "env", "value": "prod"}])
    ecs.create_cluster(clusterName="staging")
    image = ec2.describe_images()["Images"][0]["ImageId"]
    instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, SubnetId=subnet)["Instances"][0]["InstanceId"]
    ecs.register_container_instance(cluster="prod", instanceIdentityDocument=json.dumps({"instanceId": instance}))

    web = ecs.register_task_definition(family="web", networkMode="bridge", containerDefinitions=[
        {"name": "nginx", "image": "nginx:1.25", "cpu": 128, "memory": 256, "portMappings": [{"containerPort": 80}]},
        {"name": "envoy", "image": "envoyproxy/envoy:v1.30", "cpu": 64, "memoryReservation": 64},
    ], tags=[{"key": "team", "value": "edge"}])["taskDefinition"]["taskDefinitionArn"]
    api = ecs.register_task_definition(family="api", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
                                       cpu="512", memory="1024", containerDefinitions=[
        {"name": "app", "image": "example/api:2", "memory": 512},
        {"name": "log-router", "image": "fluent-bit:3", "memory": 128},
    ])["taskDefinition"]["taskDefinitionArn"]
    worker = ecs.register_task_definition(family="worker", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
                                          cpu="256", memory="512", containerDefinitions=[
        {"name": "worker", "image": "example/worker:7", "memory": 256},
    ])["taskDefinition"]["taskDefinitionArn"]

    ecs.create_service(cluster="prod", serviceName="web", taskDefinition=web, desiredCount=2, launchType="EC2")
    ecs.run_task(cluster="prod", taskDefinition=web, launchType="EC2", count=2, startedBy="fixture",
                 tags=[{"key": "Name", "value": "web"}, {"key": "env", "value": "prod"}])
    api_task = ecs.run_task(cluster="prod", taskDefinition=api, launchType="FARGATE", platformVersion="1.4.0",
                            group="service:api", networkConfiguration=network,
                            tags=[{"key": "Name", "value": "api"}])["tasks"][0]["taskArn"]
    ecs.tag_resource(resourceArn=api_task, tags=[{"key": "added", "value": "later"}])
    ecs.run_task(cluster="staging", taskDefinition=worker, launchType="FARGATE", platformVersion="LATEST",
                 networkConfiguration=network, tags=[{"key": "Name", "value": "worker"}])

    fleet = {"region": REGION, "accessKeyId": access_key["AccessKeyId"], "secretAccessKey": access_key["SecretAccessKey"],
             "clusterArns": ecs.list_clusters()["clusterArns"], "clusters": {}}
    for name in ("prod", "staging"):
        task_arns = ecs.list_tasks(cluster=name)["taskArns"]
        described = ecs.describe_tasks(cluster=name, tasks=task_arns, include=["TAGS"])
        fleet["clusters"][name] = {
            "arn": ecs.describe_clusters(clusters=[name])["clusters"][0]["clusterArn"],
            "taskArns": task_arns,
            "serviceArns": ecs.list_services(cluster=name)["serviceArns"],
            "describeTasks": {"tasks": described["tasks"], "failures": described["failures"]},
        }
    definition = ecs.describe_task_definition(taskDefinition="web", include=["TAGS"])
    definition.pop("ResponseMetadata", None)
    fleet["describeTaskDefinition"] = definition
    return fleet


def main():
    try:
        patch_moto_tasks()
        endpoint, port = start_server()
        # Tasks stay RUNNING however often they are described (aws-core.md §3.5).
        post(endpoint + "/moto-api/state-manager/set-transition",
             json.dumps({"model_name": "ecs::task", "transition": {"progression": "manual", "times": 10**9}}),
             "application/json")
        fleet = build_fleet(endpoint)
        # From here on every request must be signed by the IAM user's key (aws-core.md §3.8,
        # recipe B; a form Content-Type would make moto lose the body).
        post(endpoint + "/moto-api/reset-auth", "0", "text/plain")
        unknown = urllib.request.Request(endpoint + "/", data=b"{}", method="POST", headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AmazonEC2ContainerServiceV20141113.ListClusters",
            "X-Amz-Date": "20260101T000000Z",
            "Authorization": "AWS4-HMAC-SHA256 Credential=AKIAUNKNOWN/20260101/us-east-1/ecs/aws4_request, "
                             "SignedHeaders=host;x-amz-date, Signature=00"})
        try:
            urllib.request.urlopen(unknown, timeout=10)
            raise RuntimeError("moto accepted an unknown key: authentication is not on")
        except urllib.error.HTTPError as error:
            if error.code != 403:
                raise RuntimeError(f"an unknown key gave HTTP {error.code}, expected 403")
        fleet["port"] = port
        print(json.dumps(fleet, default=epoch), flush=True)
    except Exception as error:
        print(json.dumps({"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()}), flush=True)
        sys.exit(1)
    sys.stdin.read()


if __name__ == "__main__":
    main()
