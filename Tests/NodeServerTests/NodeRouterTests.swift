import Foundation
import NodeModel
import Testing
@testable import NodeServer

/// The routing rules of `ecsnodes serve`, request by request.
struct NodeRouterTests {
    static let nodes = ServedNodes(nodes: [
        Node(name: "web-1", attributes: ["ECS:Container-Image": "nginx:1.27"], tags: ["web"]),
        Node(name: "api-1", attributes: ["ECS:Container-Image": "spring-app:3"], tags: ["api"]),
    ], polledAt: Date(timeIntervalSince1970: 1_800_000_000))

    static func router(token: String? = nil) -> NodeRouter {
        let router = NodeRouter(token: token)
        router.publish(nodes)
        return router
    }

    static func names(_ response: NodeRouter.Response) throws -> [String] {
        try ResourceJSON.decode(response.body).map(\.name)
    }

    @Test func beforeTheFirstPollNodesAndHealthSay503() {
        let router = NodeRouter(token: nil)
        #expect(router.respond(method: "GET", uri: "/nodes", headers: []).status == 503)
        #expect(router.respond(method: "GET", uri: "/health", headers: []).status == 503)
    }

    @Test func filtersNarrowTheListInBothLanguages() throws {
        let router = Self.router()
        #expect(try Self.names(router.respond(method: "GET", uri: "/nodes", headers: [])) == ["api-1", "web-1"])
        #expect(try Self.names(router.respond(method: "GET", uri: "/nodes?filter=tags:%20web", headers: [])) == ["web-1"])
        #expect(try Self.names(router.respond(method: "GET", uri: "/nodes?where=ECS:Container-Image%20~%20spring.*", headers: [])) == ["api-1"])
        #expect(try Self.names(router.respond(method: "GET", uri: "/nodes?filter=.*&where=name%20%3D%20web-1", headers: [])) == ["web-1"])
        let bad = router.respond(method: "GET", uri: "/nodes?where=name%20%3D", headers: [])
        #expect(bad.status == 400)
    }

    @Test func formatsAndConditionalRequests() throws {
        let router = Self.router()
        let yaml = router.respond(method: "GET", uri: "/nodes", headers: [("Accept", "application/yaml")])
        #expect(yaml.headers.first { $0.0 == "Content-Type" }?.1.hasPrefix("text/yaml") == true)
        #expect(try ResourceYAML.decode(String(decoding: yaml.body, as: UTF8.self)).count == 2)
        let json = router.respond(method: "GET", uri: "/nodes?format=json", headers: [("Accept", "text/yaml")])
        let etag = try #require(json.headers.first { $0.0 == "ETag" }?.1)
        #expect(router.respond(method: "GET", uri: "/nodes?format=json", headers: [("If-None-Match", "\"other\", \(etag)")]).status == 304)
        #expect(router.respond(method: "HEAD", uri: "/nodes", headers: []).body.isEmpty)
        #expect(router.respond(method: "POST", uri: "/nodes", headers: []).status == 405)
        #expect(router.respond(method: "GET", uri: "/elsewhere", headers: []).status == 404)
    }

    @Test func theTokenGuardsEverythingButHealth() {
        let router = Self.router(token: "t0ken")
        #expect(router.respond(method: "GET", uri: "/nodes", headers: []).status == 401)
        #expect(router.respond(method: "GET", uri: "/nodes", headers: [("Authorization", "Bearer t0ke")]).status == 401)
        #expect(router.respond(method: "GET", uri: "/nodes", headers: [("authorization", "Bearer t0ken")]).status == 200)
        #expect(router.respond(method: "GET", uri: "/health", headers: []).status == 200)
    }

    @Test func aFailedPollKeepsTheListAndShowsInHealth() throws {
        let router = Self.router()
        router.recordFailure("the poll failed")
        #expect(try Self.names(router.respond(method: "GET", uri: "/nodes", headers: [])).count == 2)
        let health = try JSONSerialization.jsonObject(with: Data(router.respond(method: "GET", uri: "/health", headers: []).body)) as? [String: Any]
        #expect(health?["status"] as? String == "stale" && health?["lastError"] as? String == "the poll failed")
    }
}
