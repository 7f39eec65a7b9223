"""ecs-sim's ECS API as boto3 sees it: paginators list exactly the generated fleet with the
page sizes asked for, describe calls agree, and signatures are checked."""

import boto3
import botocore.exceptions
import pytest

CLUSTERS, TASKS, CONTAINERS, SERVICES = 3, 230, 2, 13


@pytest.fixture(scope="module")
def fleet_sim(module_sim_factory):
    return module_sim_factory("--clusters", str(CLUSTERS), "--tasks", str(TASKS), "--containers", str(CONTAINERS),
                              "--services", str(SERVICES), "--seed", "5")


def pages(client, operation, key, **arguments):
    """The items of every page of a boto3 paginator, page by page."""
    return [page[key] for page in client.get_paginator(operation).paginate(**arguments)]


def test_api_paginators_list_exactly_the_generated_fleet(fleet_sim):
    info = fleet_sim.info
    assert (info["clusters"], info["tasks"], info["containers"]) == (CLUSTERS, CLUSTERS * TASKS, CLUSTERS * TASKS * CONTAINERS)
    ecs = fleet_sim.client()

    cluster_pages = pages(ecs, "list_clusters", "clusterArns", PaginationConfig={"PageSize": 2})
    assert [len(page) for page in cluster_pages] == [2, 1]
    cluster_arns = [arn for page in cluster_pages for arn in page]
    assert len(set(cluster_arns)) == CLUSTERS
    assert all(arn.startswith("arn:aws:ecs:us-east-1:123456789012:cluster/") for arn in cluster_arns)

    task_arns, container_arns = set(), set()
    for cluster in cluster_arns:
        # ListServices pages hold 10 unless asked otherwise.
        service_pages = pages(ecs, "list_services", "serviceArns", cluster=cluster)
        assert [len(page) for page in service_pages] == [10, 3]
        service_arns = [arn for page in service_pages for arn in page]

        task_pages = pages(ecs, "list_tasks", "taskArns", cluster=cluster, PaginationConfig={"PageSize": 100})
        assert [len(page) for page in task_pages] == [100, 100, 30]
        listed = [arn for page in task_pages for arn in page]
        assert len(set(listed)) == TASKS
        assert [len(page) for page in pages(ecs, "list_tasks", "taskArns", cluster=cluster, PaginationConfig={"PageSize": 7})][:2] == [7, 7]

        described = []
        for start in range(0, len(listed), 100):
            answer = ecs.describe_tasks(cluster=cluster, tasks=listed[start:start + 100], include=["TAGS"])
            assert answer["failures"] == []
            described += answer["tasks"]
        assert [task["taskArn"] for task in described] == listed
        for task in described:
            assert task["clusterArn"] == cluster
            assert task["lastStatus"] == "RUNNING" and task["enableExecuteCommand"] is True
            assert {tag["key"] for tag in task["tags"]} == {"env", "team"}
            assert len(task["containers"]) == CONTAINERS
            for container in task["containers"]:
                assert container["managedAgents"][0]["lastStatus"] == "RUNNING"
                assert container["imageDigest"].startswith("sha256:")
                container_arns.add(container["containerArn"])
        task_arns.update(listed)

        services = []
        for start in range(0, len(service_arns), 10):
            services += ecs.describe_services(cluster=cluster, services=service_arns[start:start + 10])["services"]
        assert sum(service["runningCount"] for service in services) == TASKS
        assert {task["group"] for task in described} == {"service:" + service["serviceName"] for service in services}

    assert len(task_arns) == info["tasks"]
    assert len(container_arns) == info["containers"]
    stats = fleet_sim.stats()
    assert stats["calls"]["ListClusters"] == 2
    assert stats["errors"] == {}


def test_api_describe_reports_missing_tasks(fleet_sim):
    ecs = fleet_sim.client()
    cluster = ecs.list_clusters()["clusterArns"][0]
    arn = ecs.list_tasks(cluster=cluster, maxResults=1)["taskArns"][0]
    answer = ecs.describe_tasks(cluster=cluster, tasks=[arn, "0" * 32])
    assert [task["taskArn"] for task in answer["tasks"]] == [arn]
    assert "tags" not in answer["tasks"][0]
    assert answer["failures"] == [{"arn": cluster.replace(":cluster/", ":task/") + "/" + "0" * 32, "reason": "MISSING"}]


def test_api_bad_secret_is_rejected_with_invalid_signature(fleet_sim):
    ecs = fleet_sim.client(secret_key="not-the-secret", max_attempts=1)
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        ecs.list_clusters()
    error = caught.value.response
    assert error["Error"]["Code"] == "InvalidSignatureException"
    assert error["Error"]["Message"].startswith("The request signature we calculated does not match the signature you provided.")
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400

    stranger = fleet_sim.client(access_key="AKIANOTKNOWN00000000", max_attempts=1)
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        stranger.list_clusters()
    assert caught.value.response["Error"]["Code"] == "UnrecognizedClientException"


def test_api_page_size_out_of_range(fleet_sim):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        fleet_sim.client().list_clusters(maxResults=101)
    assert caught.value.response["Error"]["Code"] == "InvalidParameterException"


def test_api_faults_are_retried_by_boto3(sim_factory):
    sim = sim_factory("--clusters", "1", "--tasks", "150", "--seed", "3")
    sim.post_faults(api={"throttleRate": 0.3, "errorRate": 0.1}, seed=3)
    ecs = sim.client(max_attempts=10)
    cluster = ecs.list_clusters()["clusterArns"][0]
    listed = [arn for page in pages(ecs, "list_tasks", "taskArns", cluster=cluster) for arn in page]
    assert len(listed) == len(set(listed)) == 150
    stats = sim.stats()
    injected = stats["faults"].get("throttle", 0) + stats["faults"].get("error", 0)
    assert injected > 0
    assert stats["totalCalls"] == 1 + 2 + injected  # ListClusters, two ListTasks pages, one retry per fault


def test_api_execute_command(ecs_sim):
    ecs = ecs_sim.client()
    task = ecs.list_tasks(cluster="payments")["taskArns"][0]
    answer = ecs.execute_command(cluster="payments", task=task, container="payments", command="/bin/sh", interactive=True)
    session = answer["session"]
    assert session["sessionId"].startswith("ecs-execute-command-")
    assert session["streamUrl"].startswith(f"ws://127.0.0.1:{ecs_sim.port}/v1/data-channel/{session['sessionId']}?role=publish_subscribe")
    assert len(session["tokenValue"]) > 100
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        ecs.execute_command(cluster="payments", task=task, container="payments", command="/bin/sh", interactive=False)
    assert caught.value.response["Error"]["Message"] == "Interactive is the only mode supported currently."


def test_api_regions_short_pages_refusals_and_vanished_tasks(sim_factory):
    sim = sim_factory("--clusters", "2", "--tasks", "5", "--regions", "eu-west-1,us-east-1", "--page-size", "2",
                      "--deny", "DescribeTaskDefinition", "--vanish-rate", "1")
    assert (sim.info["region"], sim.info["regions"]) == ("eu-west-1", ["eu-west-1", "us-east-1"])
    ireland, virginia = sim.client(max_attempts=1), sim.client(region="us-east-1", max_attempts=1)
    assert ireland.list_clusters()["clusterArns"] == ["arn:aws:ecs:eu-west-1:123456789012:cluster/prod-01"]
    assert virginia.list_clusters()["clusterArns"] == ["arn:aws:ecs:us-east-1:123456789012:cluster/staging-02"]
    assert sim.client(region="ap-south-1").list_clusters()["clusterArns"] == []

    task_pages = pages(virginia, "list_tasks", "taskArns", cluster="staging-02", PaginationConfig={"PageSize": 100})
    assert [len(page) for page in task_pages] == [2, 2, 1]
    listed = [arn for page in task_pages for arn in page]
    described = virginia.describe_tasks(cluster="staging-02", tasks=listed)
    assert described["tasks"] == [] and [failure["reason"] for failure in described["failures"]] == ["MISSING"] * 5

    with pytest.raises(botocore.exceptions.ClientError) as caught:
        ireland.describe_task_definition(taskDefinition="web")
    assert caught.value.response["Error"]["Code"] == "AccessDeniedException"
    assert "not authorized to perform: ecs:DescribeTaskDefinition" in caught.value.response["Error"]["Message"]
    assert sim.stats()["faults"]["vanish"] == 5


def test_api_container_credentials_endpoint_as_botocore_reads_it(sim_factory, monkeypatch):
    """botocore's own container credentials provider takes ecs-sim's temporary keys; calls
    signed with them work until the keys are revoked, then fail with the code AWS uses."""
    sim = sim_factory("--clusters", "1", "--tasks", "3")
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", sim.endpoint + "/_sim/credentials")
    session = boto3.Session(region_name=sim.region)
    credentials = session.get_credentials()
    assert credentials.method == "container-role"
    assert credentials.access_key.startswith("ASIA") and credentials.token
    ecs = session.client("ecs", endpoint_url=sim.endpoint)
    assert len(ecs.list_clusters()["clusterArns"]) == 1

    assert sim._sim("POST", "/_sim/credentials/revoke") == {"revoked": 1}
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        ecs.list_clusters()
    assert refused.value.response["Error"]["Code"] == "ExpiredTokenException"
    assert refused.value.response["Error"]["Message"] == "The security token included in the request is expired"

    fresh = boto3.Session(region_name=sim.region).client("ecs", endpoint_url=sim.endpoint)
    assert len(fresh.list_clusters()["clusterArns"]) == 1
    assert sim.stats()["credentials"] == {"issued": 2, "revoked": 1}


def test_api_web_identity_as_botocore_exchanges_it(sim_factory, monkeypatch, tmp_path):
    """botocore's own web-identity provider exchanges a token at ecs-sim's STS
    (AssumeRoleWithWebIdentity, unsigned) and signs ECS calls with the keys it gets; a token
    the simulator does not accept is refused with STS's code."""
    sim = sim_factory("--clusters", "2", "--tasks", "3", "--web-identity-token", "oidc-token")
    token = tmp_path / "token"
    token.write_text("oidc-token")
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                 "AWS_CONTAINER_CREDENTIALS_FULL_URI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_WEB_IDENTITY_TOKEN_FILE", str(token))
    monkeypatch.setenv("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/reader")
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", sim.endpoint)
    session = boto3.Session(region_name=sim.region)
    ecs = session.client("ecs", endpoint_url=sim.endpoint)
    assert len(ecs.list_clusters()["clusterArns"]) == 2
    assert session.get_credentials().method == "assume-role-with-web-identity"
    assert sim.stats()["credentials"]["issued"] == 1

    token.write_text("someone-elses-token")
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        boto3.Session(region_name=sim.region).client("ecs", endpoint_url=sim.endpoint).list_clusters()
    assert refused.value.response["Error"]["Code"] == "InvalidIdentityToken"
