// swift-tools-version: 6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ecsnodes",
    products: [
        .executable(name: "ecsnodes", targets: ["ecsnodes"]),
        .library(name: "FilterLang", targets: ["FilterLang"]),
        .library(name: "NodeModel", targets: ["NodeModel"]),
        .library(name: "DataChannel", targets: ["DataChannel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // C shims: a module map and a header each, no C sources.
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // glibc's pty and posix_spawn extensions and ioctl(TIOCSWINSZ), for ecs-sim's sessions.
        .systemLibrary(name: "CPTY"),

        // The AWS core shared by NodeSource and Executor: SigV4 on its own (testable with no HTTP at all), HTTP
        // over libcurl, and credentials, regions and the ECS API on top of both.
        .target(name: "AWSSigner", dependencies: ["COpenSSL"], swiftSettings: swiftSettings),
        .target(name: "AWSHTTP", dependencies: ["CCurl"], swiftSettings: swiftSettings),
        .target(name: "AWSCore", dependencies: ["AWSSigner", "AWSHTTP"], swiftSettings: swiftSettings),
        // The live ECS inventory: clusters, tasks and containers polled into nodes, cached.
        .target(name: "NodeSource", dependencies: ["AWSCore", "NodeModel"], swiftSettings: swiftSettings),

        // Nodes and Rundeck's resource formats (resource-json, resource-yaml).
        .target(name: "NodeModel", dependencies: [
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: swiftSettings),
        // Rundeck's node filter language and the extended expression language.
        .target(name: "FilterLang", dependencies: ["CPCRE2", "NodeModel"], swiftSettings: swiftSettings),
        // `ecsnodes serve`: the node list over HTTP for Rundeck's URL source.
        .target(name: "NodeServer", dependencies: [
            "NodeModel", "FilterLang", "AWSSigner",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        // Commands in containers through ECS Exec: ExecuteCommand, then the Session Manager data
        // channel over a WebSocket (swift-nio, NIOSSL for wss://), the exit-status wrapper,
        // fan-out over many nodes.
        .target(name: "Executor", dependencies: [
            "AWSCore", "AWSSigner", "NodeModel", "DataChannel",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ], swiftSettings: swiftSettings),
        // The command-line tool.
        .executableTarget(name: "ecsnodes", dependencies: [
            "FilterLang", "NodeModel", "NodeSource", "NodeServer", "AWSCore", "AWSHTTP", "Executor",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: swiftSettings),
        // The SSM Session Manager data channel: ClientMessage codec, acks, ordering and
        // retransmission, shared by the Executor (client side) and ecs-sim (agent side).
        .target(name: "DataChannel", dependencies: ["AWSSigner", "COpenSSL"], swiftSettings: swiftSettings),
        // ecs-sim, a local ECS + Session Manager: the agent side of the data channel (a real
        // PTY per session, KMS handshake) …
        .target(name: "SimSession", dependencies: [
            "DataChannel", "AWSSigner", "CPTY",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        // … the ECS API, fleet, faults and stats on one NIO HTTP server …
        .target(name: "ECSSim", dependencies: [
            "SimSession", "AWSSigner",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ], resources: [
            // examples/demo-fleet.json (through a symlink), compiled into the binary for --demo.
            .embedInCode("Fleet/demo-fleet.json"),
        ], swiftSettings: swiftSettings),
        // … and its command line.
        .executableTarget(name: "ecs-sim", dependencies: [
            "ECSSim", "AWSSigner", "SimSession",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/ecs-sim", swiftSettings: swiftSettings),
        // The data-channel half alone (DataChannelServer), for bench/sim_sessions.py and debugging.
        .executableTarget(name: "ecs-sim-channel", dependencies: ["SimSession"],
                          path: "Sources/ecs-sim-channel", swiftSettings: swiftSettings),
        // Benchmarks: run in release mode by bench/run.sh, never by `swift test`.
        .executableTarget(name: "ecsnodes-bench", dependencies: ["FilterLang", "NodeModel"],
                          path: "Sources/ecsnodes-bench", swiftSettings: swiftSettings),

        .testTarget(name: "FilterLangTests", dependencies: ["FilterLang", "NodeModel"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "NodeModelTests", dependencies: ["NodeModel"]),
        .testTarget(name: "NodeServerTests", dependencies: ["NodeServer", "NodeModel", "FilterLang"]),
        .testTarget(name: "ecsnodesTests", dependencies: ["ecsnodes", "NodeModel", "AWSHTTP", "TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "AWSSignerTests", dependencies: ["AWSSigner"], exclude: ["Fixtures"]),
        .testTarget(name: "AWSHTTPTests", dependencies: ["AWSHTTP", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NodeSourceTests", dependencies: ["NodeSource", "TestSupport"]),
        .testTarget(name: "AWSCoreTests", dependencies: ["AWSCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "DataChannelTests", dependencies: ["DataChannel", "SimSession", "TestSupport"]),
        .testTarget(name: "ECSSimTests", dependencies: [
            "ECSSim", "TestSupport", "AWSCore", "AWSHTTP", "AWSSigner", "NodeSource",
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "ExecutorTests", dependencies: ["Executor", "AWSCore", "AWSHTTP", "AWSSigner", "NodeModel", "TestSupport"], exclude: ["Fixtures"]),
        // Helpers the test targets share (loopback servers written in Python).
        .target(name: "TestSupport", path: "Tests/TestSupport", exclude: ["Fixtures"]),
    ]
)
