#!/usr/bin/env python3
"""The baseline for the inventory benchmark: what a boto3 script does to list the containers of
every running task of every cluster (paginators, DescribeTasks by 100, each task definition
described once), printing one `name-UUID` per container, sorted.

    bench/boto3_inventory.py ENDPOINT_URL [REGION]

Credentials come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), as boto3
finds them.
"""
import sys
import boto3

endpoint, region = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "us-east-1")
ecs = boto3.client("ecs", endpoint_url=endpoint, region_name=region)
names, definitions = [], {}
for cluster_page in ecs.get_paginator("list_clusters").paginate():
    for cluster in cluster_page["clusterArns"]:
        arns = [arn for page in ecs.get_paginator("list_tasks").paginate(cluster=cluster, desiredStatus="RUNNING")
                for arn in page["taskArns"]]
        for start in range(0, len(arns), 100):
            for task in ecs.describe_tasks(cluster=cluster, tasks=arns[start:start + 100], include=["TAGS"])["tasks"]:
                arn = task["taskDefinitionArn"]
                if arn not in definitions:
                    definitions[arn] = ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
                for container in task["containers"]:
                    names.append(f'{container["name"]}-{container["containerArn"].rsplit("/", 1)[-1]}')
print("\n".join(sorted(names)))
