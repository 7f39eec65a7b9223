import NodeModel

/// Deterministic synthetic ECS nodes for benchmarks: the attribute set of a real inventory,
/// with one container in eight running a Spring image.
enum SyntheticFleet {
    static func nodes(count: Int, seed: UInt64 = 1) -> [Node] {
        var random = SplitMix64(seed: seed)
        let images = ["nginx:1.25-alpine", "public.ecr.aws/datadog/agent:7", "golang-api:4.2.0",
                      "worker:2024.11.3", "envoyproxy/envoy:v1.29", "redis:7.2", "otel/collector:0.98"]
        let regions = ["eu-west-1", "us-east-1", "ap-southeast-2"]
        return (0..<count).map { index in
            let region = regions[Int(random.next() % 3)]
            let cluster = "cluster-\(random.next() % 20)"
            let uuid = random.uuid()
            let task = random.hex(32)
            let service = "svc-\(random.next() % 300)"
            let image = random.next() % 8 == 0
                ? "123456789012.dkr.ecr.\(region).amazonaws.com/payments-spring:2.7.\(random.next() % 20)"
                : images[Int(random.next() % UInt64(images.count))]
            let name = "app\(index % 7)"
            let attributes: [String: String] = [
                "ECS:Cluster-ARN": "arn:aws:ecs:\(region):123456789012:cluster/\(cluster)",
                "ECS:Cluster-Name": cluster,
                "ECS:Container-ARN": "arn:aws:ecs:\(region):123456789012:container/\(cluster)/\(task)/\(uuid)",
                "ECS:Container-Image": image,
                "ECS:Container-Name": name,
                "ECS:Container-Tags": "[]",
                "ECS:CPU": ["256", "512", "1024", "2048"][Int(random.next() % 4)],
                "ECS:Memory-Reservation": ["512", "1024", "2048"][Int(random.next() % 3)],
                "ECS:Region": region,
                "ECS:Runtime-ID": "\(task)-\(random.next() % 10_000_000_000)",
                "ECS:Task-Launch-Type": random.next() % 4 == 0 ? "EC2" : "FARGATE",
                "ECS:Task-ARN": "arn:aws:ecs:\(region):123456789012:task/\(cluster)/\(task)",
                "ECS:Task-ID": task,
                "ECS:Service-Name": service,
                "ECS:Task-Definition-Family": service,
                "ECS:Last-Status": "RUNNING",
                "ECS:Exec-Enabled": random.next() % 10 == 0 ? "false" : "true",
                "ECS:Private-IP": "10.\(random.next() % 256).\(random.next() % 256).\(random.next() % 256)",
                "hostname": "ip-10-0-\(random.next() % 256)-\(random.next() % 256)",
                "osFamily": "unix",
            ]
            return Node(name: "\(name)-\(uuid)", attributes: attributes, tags: [cluster, service, region])
        }
    }
}

extension SplitMix64 {
    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int(next() % 16)] })
    }

    mutating func uuid() -> String {
        "\(hex(8))-\(hex(4))-4\(hex(3))-a\(hex(3))-\(hex(12))"
    }
}
