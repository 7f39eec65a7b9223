// swift-tools-version: 6.0
// libFuzzer targets for ecsnodes' parsers, kept out of the main package: they link only with
// `-sanitize=fuzzer`. scripts/fuzz.sh builds and runs them.
import PackageDescription

let package = Package(
    name: "ecsnodes-fuzzing",
    dependencies: [.package(name: "ecsnodes", path: "..")],
    targets: [
        .systemLibrary(name: "CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer", .product(name: "NodeModel", package: "ecsnodes")]),
        .executableTarget(name: "FuzzFilter", dependencies: ["FuzzSupport", .product(name: "FilterLang", package: "ecsnodes")]),
        .executableTarget(name: "FuzzResourceJSON", dependencies: ["FuzzSupport", .product(name: "NodeModel", package: "ecsnodes")]),
        .executableTarget(name: "FuzzDataChannel", dependencies: ["FuzzSupport", .product(name: "DataChannel", package: "ecsnodes")]),
        .executableTarget(name: "FuzzResourceYAML", dependencies: ["FuzzSupport", .product(name: "NodeModel", package: "ecsnodes")]),
    ]
)
