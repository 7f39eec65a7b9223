import SimSession
import AWSSigner

extension FleetBuilder {
    /// EC2 tasks share container instances, this many to an instance.
    static let tasksPerInstance = 10

    /// Task number `index` of the group `key` of a cluster: ids, addresses and times from its
    /// own random stream, so they depend only on the seed, the region, the cluster, the group
    /// and `index` (a cluster of the same name in another region has other ids).
    mutating func task(_ settings: TaskSettings, counters: inout ClusterCounters, key: String, index: Int) -> FleetTask {
        var random = SeededRandom(seed: seed, region, counters.name, key, String(index))
        let id = random.hex(bytes: 16)
        let definition = settings.definition
        let created = Self.millis(Self.epoch - Double(random.next() % (14 * 86_400)) - Double(random.next() % 1000) / 1000)
        let pullStarted = Self.millis(created + 2 + Double(random.next() % 8000) / 1000)
        let pullStopped = Self.millis(pullStarted + 3 + Double(random.next() % 27_000) / 1000)
        let started = Self.millis(pullStopped + 1 + Double(random.next() % 4000) / 1000)
        let status = settings.lastStatus
        let hasStarted = ["RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"].contains(status)
        let availabilityZone = settings.availabilityZone ?? region + ["a", "b", "c"][Int(random.next() % 3)]

        var eni: FleetENI?
        if definition.networkMode == "awsvpc" {
            eni = self.eni(cluster: counters, number: counters.addresses, availabilityZone: availabilityZone, random: &random)
            counters.addresses += 1
        }
        var containerInstance: String?
        if settings.launchType == "EC2" {
            let instance = counters.ec2Tasks / Self.tasksPerInstance
            var instanceRandom = SeededRandom(seed: seed, region, counters.name, "container-instance", String(instance))
            containerInstance = arn("container-instance/\(counters.name)/\(instanceRandom.hex(bytes: 16))")
            counters.ec2Tasks += 1
        }

        var task = FleetTask(
            region: region, id: id, arn: arn("task/\(counters.name)/\(id)"), clusterName: counters.name,
            clusterArn: arn("cluster/\(counters.name)"),
            taskDefinitionArn: definition.arn, family: definition.family, serviceName: settings.serviceName, group: settings.group,
            startedBy: settings.startedBy, launchType: settings.launchType, platformVersion: settings.platformVersion,
            availabilityZone: availabilityZone, containerInstanceArn: containerInstance, eni: eni, lastStatus: status,
            desiredStatus: settings.desiredStatus, healthStatus: settings.healthStatus,
            enableExecuteCommand: settings.enableExecuteCommand, tags: settings.tags, cpu: definition.cpu, memory: definition.memory,
            createdAt: created, connectivityAt: Self.millis(created + 1), pullStartedAt: pullStarted,
            pullStoppedAt: hasStarted ? pullStopped : nil, startedAt: hasStarted ? started : nil,
            version: status == "RUNNING" ? 4 : status == "STOPPED" ? 6 : 2, containers: [])
        if status == "STOPPED" {
            let stopping = Self.millis(started + 3600 + Double(random.next() % 86_400))
            task.stoppingAt = stopping
            task.stoppedAt = Self.millis(stopping + 30)
            task.stopCode = settings.serviceName == nil ? "EssentialContainerExited" : "ServiceSchedulerInitiated"
            task.stoppedReason = settings.serviceName == nil
                ? "Essential container in task exited"
                : "Scaling activity initiated by (deployment \(settings.startedBy ?? ""))"
        }
        let agentStatus = settings.agentStatus ?? (status == "RUNNING" ? "RUNNING" : status == "STOPPED" ? "STOPPED" : "PENDING")
        task.containers = definition.containers.map { spec in
            container(spec, of: task, bridged: definition.networkMode == "bridge",
                      agentStatus: settings.enableExecuteCommand ? agentStatus : nil, random: &random)
        }
        return task
    }

    /// A container of `task` as `spec` defines it.
    mutating func container(
        _ spec: ContainerSpec, of task: FleetTask, bridged: Bool, agentStatus: String?, random: inout SeededRandom
    ) -> FleetContainer {
        let runtimeId = task.launchType == "FARGATE"
            ? "\(task.id)-\(random.next() % 9_000_000_000 + 1_000_000_000)"
            : random.hex(bytes: 32)
        let uuid = random.uuid()
        let stopped = task.lastStatus == "STOPPED"
        return FleetContainer(
            name: spec.name, arn: arn("container/\(task.clusterName)/\(task.id)/\(uuid)"), image: spec.image,
            imageDigest: digest(of: spec.image), runtimeId: runtimeId,
            lastStatus: task.lastStatus == "RUNNING" || stopped ? task.lastStatus : "PENDING",
            healthStatus: task.healthStatus, exitCode: stopped ? 0 : nil, cpu: String(spec.cpu ?? 0),
            memory: spec.memory.map(String.init), memoryReservation: spec.memoryReservation.map(String.init),
            portBindings: bridged ? (spec.ports ?? []).map { ($0, 32768 + Int(random.next() % 28_000)) } : [],
            agentStatus: agentStatus,
            agentStartedAt: agentStatus == nil ? nil : task.startedAt.map { Self.millis($0 + 1 + Double(random.next() % 2000) / 1000) })
    }

    /// The network interface of the `number`th `awsvpc` task of a cluster: `10.<cluster>.x.y`.
    func eni(cluster: ClusterCounters, number: Int, availabilityZone: String, random: inout SeededRandom) -> FleetENI {
        let address = "10.\(cluster.position % 256).\((number / 250) % 256).\(number % 250 + 4)"
        let dnsLabel = "ip-" + address.split(separator: ".").joined(separator: "-")
        var subnet = SeededRandom(seed: seed, region, cluster.name, "subnet", availabilityZone)
        let mac = (0..<5).map { _ in random.hex(bytes: 1) }.joined(separator: ":")
        return FleetENI(
            attachmentId: random.uuid(), networkInterfaceId: "eni-" + random.hex(bytes: 9).prefix(17),
            subnetId: "subnet-" + subnet.hex(bytes: 9).prefix(17), macAddress: "0a:" + mac, privateIPv4Address: address,
            privateDnsName: region == "us-east-1" ? "\(dnsLabel).ec2.internal" : "\(dnsLabel).\(region).compute.internal")
    }

    /// `sha256:` and the SHA-256 of the image name: the same image always has the same digest.
    mutating func digest(of image: String) -> String {
        if let known = digests[image] { return known }
        let digest = "sha256:" + SHA256.hexDigest(image)
        digests[image] = digest
        return digest
    }
}
