struct ListServicesRequest: Decodable {
    var cluster: String?
    var launchType: String?
    var schedulingStrategy: String?
    var maxResults: Int?
    var nextToken: String?
}

struct ListServicesResponse: Encodable {
    var serviceArns: [String]
    var nextToken: String?
}

struct DescribeServicesRequest: Decodable {
    var cluster: String?
    var services: [String]?
    var include: [String]?
}

struct DescribeServicesResponse: Encodable {
    var services: [ServiceShape]
    var failures: [FailureShape]
}

extension ECSAPI {
    /// `ListServices`: a cluster's services in spec order, only 10 to a page unless
    /// `maxResults` says otherwise (as in ECS); every service is a `REPLICA` one.
    func listServices(_ request: ListServicesRequest, context: CallContext) throws(APIError) -> ListServicesResponse {
        let cluster = try cluster(request.cluster)
        let launchType = try Self.checkLaunchType(request.launchType)
        if let strategy = request.schedulingStrategy, !["REPLICA", "DAEMON"].contains(strategy) {
            throw .invalidParameter("schedulingStrategy must be one of REPLICA, DAEMON.")
        }
        let services = cluster.services.filter { service in
            (launchType == nil || service.launchType == launchType) && (request.schedulingStrategy ?? "REPLICA") == "REPLICA"
        }
        let scope = [cluster.arn, launchType ?? "", request.schedulingStrategy ?? ""].joined(separator: "\n")
        let page = try tokens.page(count: services.count, action: "ListServices", scope: scope, maxResults: request.maxResults,
                                   defaultSize: 10, cap: context.pageSize, nextToken: request.nextToken)
        return ListServicesResponse(serviceArns: services[page.range].map(\.arn), nextToken: page.nextToken)
    }

    /// `DescribeServices`: up to 10 services of a cluster by name or ARN; unknown ones are failures.
    func describeServices(_ request: DescribeServicesRequest) throws(APIError) -> DescribeServicesResponse {
        let cluster = try cluster(request.cluster)
        let names = try Self.check(request.services, name: "services", limit: 10, required: true)
        let includeTags = request.include?.contains("TAGS") ?? false
        var response = DescribeServicesResponse(services: [], failures: [])
        for name in names {
            if let position = fleet.servicePosition(name, in: cluster) {
                response.services.append(ServiceShape(cluster.services[position], cluster: cluster, includeTags: includeTags))
            } else {
                response.failures.append(FailureShape(arn: name.hasPrefix("arn:") ? name : fleet.arn("service/\(cluster.name)/\(name)")))
            }
        }
        return response
    }

    /// `launchType` if it is one ECS knows.
    static func checkLaunchType(_ launchType: String?) throws(APIError) -> String? {
        guard let launchType else { return nil }
        guard FleetBuilder.launchTypes.contains(launchType) else {
            throw .invalidParameter("launchType must be one of \(FleetBuilder.launchTypes.joined(separator: ", ")).")
        }
        return launchType
    }
}
