import Foundation
import NodeModel
import Testing
@testable import NodeSource

/// The on-disk node cache: private files, atomic replacement, maximum age.
struct NodeCacheTests {
    static func temporaryCache() -> NodeCache {
        NodeCache(directory: FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-cache-\(UUID().uuidString)/nested").path)
    }

    static let nodes = [
        Node(name: "web-1", attributes: ["ECS:Container-Image": "nginx:1.25", "hostname": "10.0.0.1"], tags: ["web"]),
        Node(name: "api-1", attributes: ["ECS:Container-Image": "api:2"], tags: []),
    ]

    @Test func storedNodesReadBackWithinTheMaximumAge() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        try cache.store(Self.nodes, key: "k")
        let loaded = try #require(cache.load(key: "k", maxAge: .seconds(60)))
        #expect(loaded.sorted { $0.name < $1.name } == Self.nodes.sorted { $0.name < $1.name })
        #expect(cache.load(key: "k", maxAge: .seconds(60), now: Date().addingTimeInterval(61)) == nil)
        #expect(cache.load(key: "k", maxAge: .zero) == nil)
        #expect(cache.load(key: "other", maxAge: .seconds(60)) == nil)
    }

    @Test func filesArePrivateAndReplacedWhole() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        try cache.store(Self.nodes, key: "k")
        try cache.store([Self.nodes[0]], key: "k")
        let file = try FileManager.default.attributesOfItem(atPath: cache.path(for: "k"))
        #expect((file[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: cache.directory)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory) == ["nodes-k.json"])
        #expect(cache.load(key: "k", maxAge: .seconds(60)) == [Self.nodes[0]])
    }

    @Test func aCorruptFileIsAMissOrAnUnwritableFolderAnError() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        try cache.store(Self.nodes, key: "k")
        try "{\"broken\": ".write(toFile: cache.path(for: "k"), atomically: true, encoding: .utf8)
        #expect(cache.load(key: "k", maxAge: .seconds(60)) == nil)
        let unwritable = NodeCache(directory: "/proc/ecsnodes-cannot-exist")
        #expect(throws: NodeCacheError.self) { try unwritable.store(Self.nodes, key: "k") }
    }

    @Test func keysDependOnTheSourceAndTheIdentity() {
        struct Source: Encodable { var clusters: [String] }
        let a = NodeCache.key(source: Source(clusters: ["a"]), identity: "profile dev")
        #expect(a == NodeCache.key(source: Source(clusters: ["a"]), identity: "profile dev"))
        #expect(a != NodeCache.key(source: Source(clusters: ["b"]), identity: "profile dev"))
        #expect(a != NodeCache.key(source: Source(clusters: ["a"]), identity: "profile prod"))
        #expect(a.count == 64)
    }
}
