/// A model read straight from JSON text, field by field, with a ``JSONReader``; for the
/// answers big enough that `JSONDecoder`'s keyed containers dominate a poll (DescribeTasks).
/// Unknown members are skipped; a member of an unexpected type reads as absent.
public protocol JSONReadable {
    init(reading reader: inout JSONReader) throws(JSONReaderError)
}

extension JSONReadable {
    /// The model in `bytes`, which must hold exactly one JSON object.
    public static func read(from bytes: [UInt8]) throws(JSONReaderError) -> Self {
        var reader = JSONReader(bytes)
        let value = try Self(reading: &reader)
        try reader.finish()
        return value
    }
}

extension JSONReader {
    /// An array of `Model`s, nil for `null` or another type.
    mutating func readModels<Model: JSONReadable>(_ type: Model.Type) throws(JSONReaderError) -> [Model]? {
        try readArrayIfPresent { reader throws(JSONReaderError) in try Model(reading: &reader) }
    }
}

extension ECS.DescribeTasksResponse: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReaderError) {
        self.init()
        try reader.readObject { reader, key throws(JSONReaderError) in
            switch key {
            case "tasks": tasks = try reader.readModels(ECS.Task.self)
            case "failures": failures = try reader.readModels(ECS.Failure.self)
            default: try reader.skipValue()
            }
        }
    }
}

extension ECS.Task: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReaderError) {
        self.init()
        try reader.readObject { reader, key throws(JSONReaderError) in
            switch key {
            case "taskArn": taskArn = try reader.readStringIfPresent()
            case "clusterArn": clusterArn = try reader.readStringIfPresent()
            case "taskDefinitionArn": taskDefinitionArn = try reader.readStringIfPresent()
            case "containerInstanceArn": containerInstanceArn = try reader.readStringIfPresent()
            case "group": group = try reader.readStringIfPresent()
            case "startedBy": startedBy = try reader.readStringIfPresent()
            case "launchType": launchType = try reader.readStringIfPresent().map(ECS.LaunchType.init(rawValue:))
            case "capacityProviderName": capacityProviderName = try reader.readStringIfPresent()
            case "platformVersion": platformVersion = try reader.readStringIfPresent()
            case "platformFamily": platformFamily = try reader.readStringIfPresent()
            case "availabilityZone": availabilityZone = try reader.readStringIfPresent()
            case "lastStatus": lastStatus = try reader.readStringIfPresent()
            case "desiredStatus": desiredStatus = try reader.readStringIfPresent()
            case "healthStatus": healthStatus = try reader.readStringIfPresent()
            case "connectivity": connectivity = try reader.readStringIfPresent()
            case "cpu": cpu = try reader.readTextIfPresent()
            case "memory": memory = try reader.readTextIfPresent()
            case "enableExecuteCommand": enableExecuteCommand = try reader.readBoolIfPresent()
            case "createdAt": createdAt = try reader.readDoubleIfPresent()
            case "connectivityAt": connectivityAt = try reader.readDoubleIfPresent()
            case "pullStartedAt": pullStartedAt = try reader.readDoubleIfPresent()
            case "pullStoppedAt": pullStoppedAt = try reader.readDoubleIfPresent()
            case "startedAt": startedAt = try reader.readDoubleIfPresent()
            case "stoppingAt": stoppingAt = try reader.readDoubleIfPresent()
            case "stoppedAt": stoppedAt = try reader.readDoubleIfPresent()
            case "executionStoppedAt": executionStoppedAt = try reader.readDoubleIfPresent()
            case "stopCode": stopCode = try reader.readStringIfPresent()
            case "stoppedReason": stoppedReason = try reader.readStringIfPresent()
            case "version": version = try reader.readIntIfPresent()
            case "tags": tags = try reader.readModels(ECS.Tag.self)
            case "attachments": attachments = try reader.readModels(ECS.Attachment.self)
            case "containers": containers = try reader.readModels(ECS.Container.self)
            default: try reader.skipValue()
            }
        }
    }
}

extension ECS.Container: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReaderError) {
        self.init()
        try reader.readObject { reader, key throws(JSONReaderError) in
            switch key {
            case "containerArn": containerArn = try reader.readStringIfPresent()
            case "taskArn": taskArn = try reader.readStringIfPresent()
            case "name": name = try reader.readStringIfPresent()
            case "image": image = try reader.readStringIfPresent()
            case "imageDigest": imageDigest = try reader.readStringIfPresent()
            case "runtimeId": runtimeId = try reader.readStringIfPresent()
            case "lastStatus": lastStatus = try reader.readStringIfPresent()
            case "exitCode": exitCode = try reader.readIntIfPresent()
            case "reason": reason = try reader.readStringIfPresent()
            case "healthStatus": healthStatus = try reader.readStringIfPresent()
            case "cpu": cpu = try reader.readTextIfPresent()
            case "memory": memory = try reader.readTextIfPresent()
            case "memoryReservation": memoryReservation = try reader.readTextIfPresent()
            case "gpuIds": gpuIds = try reader.readArrayIfPresent { reader throws(JSONReaderError) in try reader.readString() }
            case "networkBindings": networkBindings = try reader.readModels(ECS.NetworkBinding.self)
            case "networkInterfaces": networkInterfaces = try reader.readModels(ECS.NetworkInterface.self)
            case "managedAgents": managedAgents = try reader.readModels(ECS.ManagedAgent.self)
            default: try reader.skipValue()
            }
        }
    }
}

extension ECS.Attachment: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReaderError) {
        self.init()
        try reader.readObject { reader, key throws(JSONReaderError) in
            switch key {
            case "id": id = try reader.readStringIfPresent()
            case "type": type = try reader.readStringIfPresent()
            case "status": status = try reader.readStringIfPresent()
            case "details": details = try reader.readModels(ECS.KeyValuePair.self)
            default: try reader.skipValue()
            }
        }
    }
}

extension ECS.KeyValuePair: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReaderError) {
        self.init(name: nil, value: nil)
        try reader.readObject { reader, key throws(JSONReaderError) in
            switch key {
            case "name": name = try reader.readStringIfPresent()
            case "value": value = try reader.readStringIfPresent()
            default: try reader.skipValue()
            }
        }
    }
}

extension ECS.Tag: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReaderError) {
        self.init(key: nil, value: nil)
        try reader.readObject { reader, member throws(JSONReaderError) in
            switch member {
            case "key": key = try reader.readStringIfPresent()
            case "value": value = try reader.readStringIfPresent()
            default: try reader.skipValue()
            }
        }
    }
}

extension ECS.Failure: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReaderError) {
        self.init(arn: nil, reason: nil)
        try reader.readObject { reader, key throws(JSONReaderError) in
            switch key {
            case "arn": arn = try reader.readStringIfPresent()
            case "reason": reason = try reader.readStringIfPresent()
            case "detail": detail = try reader.readStringIfPresent()
            default: try reader.skipValue()
            }
        }
    }
}

extension ECS.ManagedAgent: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReaderError) {
        self.init()
        try reader.readObject { reader, key throws(JSONReaderError) in
            switch key {
            case "name": name = try reader.readStringIfPresent()
            case "lastStatus": lastStatus = try reader.readStringIfPresent()
            case "lastStartedAt": lastStartedAt = try reader.readDoubleIfPresent()
            case "reason": reason = try reader.readStringIfPresent()
            default: try reader.skipValue()
            }
        }
    }
}

extension ECS.NetworkInterface: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReaderError) {
        self.init()
        try reader.readObject { reader, key throws(JSONReaderError) in
            switch key {
            case "attachmentId": attachmentId = try reader.readStringIfPresent()
            case "privateIpv4Address": privateIpv4Address = try reader.readStringIfPresent()
            case "ipv6Address": ipv6Address = try reader.readStringIfPresent()
            default: try reader.skipValue()
            }
        }
    }
}

extension ECS.NetworkBinding: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReaderError) {
        self.init()
        try reader.readObject { reader, key throws(JSONReaderError) in
            switch key {
            case "bindIP": bindIP = try reader.readStringIfPresent()
            case "containerPort": containerPort = try reader.readIntIfPresent()
            case "hostPort": hostPort = try reader.readIntIfPresent()
            case "protocol": transportProtocol = try reader.readStringIfPresent()
            default: try reader.skipValue()
            }
        }
    }
}
