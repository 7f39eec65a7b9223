struct ListClustersRequest: Decodable {
    var maxResults: Int?
    var nextToken: String?
}

struct ListClustersResponse: Encodable {
    var clusterArns: [String]
    var nextToken: String?
}

struct DescribeClustersRequest: Decodable {
    var clusters: [String]?
    var include: [String]?
}

struct DescribeClustersResponse: Encodable {
    var clusters: [ClusterShape]
    var failures: [FailureShape]
}

extension ECSAPI {
    /// `ListClusters`: every cluster of the region, in spec order, 100 to a page unless
    /// `maxResults` (or the page cap) says.
    func listClusters(_ request: ListClustersRequest, context: CallContext) throws(APIError) -> ListClustersResponse {
        let page = try tokens.page(count: fleet.clusters.count, action: "ListClusters", scope: fleet.region, maxResults: request.maxResults,
                                   defaultSize: 100, cap: context.pageSize, nextToken: request.nextToken)
        return ListClustersResponse(clusterArns: fleet.clusters[page.range].map(\.arn), nextToken: page.nextToken)
    }

    /// `DescribeClusters`: up to 100 by name or ARN (none: `default`); unknown ones are failures.
    func describeClusters(_ request: DescribeClustersRequest) throws(APIError) -> DescribeClustersResponse {
        var names = try Self.check(request.clusters, name: "clusters", limit: 100, required: false)
        if names.isEmpty { names = ["default"] }
        let include = Set(request.include ?? [])
        var response = DescribeClustersResponse(clusters: [], failures: [])
        for name in names {
            if let position = fleet.clusterPosition(name) {
                response.clusters.append(ClusterShape(fleet.clusters[position], include: include))
            } else {
                response.failures.append(FailureShape(arn: name.hasPrefix("arn:") ? name : fleet.arn("cluster/\(name)")))
            }
        }
        return response
    }
}
