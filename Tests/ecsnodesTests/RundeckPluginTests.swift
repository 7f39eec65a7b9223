import Foundation
import NodeModel
import Testing
import TestSupport
import Yams

/// The Rundeck script plugin (`make rundeck-plugin`): its zip and plugin.yaml against the
/// documented schema (design/rundeck-compat.md §4), and its two scripts run with the `RD_*`
/// environment Rundeck would give them, against ecs-sim.
@Suite(.serialized)
struct RundeckPluginTests {
    static let versions: Set<String> = ["1.0", "1.1", "1.2", "2.0"]
    static let configTypes: Set<String> = ["String", "Boolean", "Integer", "Long", "Select", "FreeSelect", "Options"]
    static let services: Set<String> = ["ResourceModelSource", "NodeExecutor", "FileCopier", "WorkflowNodeStep", "WorkflowStep", "RemoteScriptNodeStep"]

    /// Builds the zip with make and unpacks it into a fresh folder; returns the plugin folder.
    static func unpackedPlugin() throws -> URL {
        let make = try Script.run("/usr/bin/env", ["make", "-B", "rundeck-plugin"])
        try #require(make.status == 0, "\(make.stderr)")
        let zip = CLI.repositoryRoot.appendingPathComponent("build/ecsnodes-plugin.zip")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rundeck-plugin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Python's zipfile does not restore modes: set them from the archive's external attributes.
        let unzip = try Script.run("/usr/bin/env", ["python3", "-c", """
            import os, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                for info in z.infolist():
                    path = z.extract(info, sys.argv[2])
                    mode = info.external_attr >> 16
                    if mode: os.chmod(path, mode & 0o7777)
            """, zip.path, folder.path])
        try #require(unzip.status == 0, "\(unzip.stderr)")
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(entries == ["ecsnodes-plugin"], "the zip's only top folder must be named like the zip")
        return folder.appendingPathComponent("ecsnodes-plugin")
    }

    @Test func zipAndPluginYAMLFollowTheSchema() throws {
        let plugin = try Self.unpackedPlugin()
        let text = try String(contentsOf: plugin.appendingPathComponent("plugin.yaml"), encoding: .utf8)
        let root = try #require(try Yams.compose(yaml: text)?.mapping)
        for field in ["name", "version", "rundeckPluginVersion", "author"] {
            #expect(root[field]?.scalar?.string.isEmpty == false, "plugin.yaml needs \(field)")
        }
        #expect(Self.versions.contains(root["rundeckPluginVersion"]?.scalar?.string ?? ""))
        let providers = try #require(root["providers"]?.sequence)
        var seen: [String: String] = [:]
        for provider in providers {
            let fields = try #require(provider.mapping)
            func value(_ key: String) -> String? { fields[key]?.scalar?.string }
            let name = try #require(value("name"))
            let service = try #require(value("service"))
            seen[name] = service
            #expect(Self.services.contains(service), "\(name): service \(service)")
            #expect(value("plugin-type") == "script", "\(name)")
            #expect(value("script-interpreter") == "/bin/bash", "\(name): without an interpreter the script gets no PATH or AWS_*")
            let script = plugin.appendingPathComponent("contents").appendingPathComponent(try #require(value("script-file")))
            #expect(FileManager.default.isExecutableFile(atPath: script.path), "\(script.path)")
            if service == "ResourceModelSource" {
                #expect(["resourceyaml", "resourcejson", "resourcexml"].contains(value("resource-format") ?? ""), "\(name)")
            }
            for property in fields["config"]?.sequence ?? [] {
                let entry = try #require(property.mapping)
                let type = entry["type"]?.scalar?.string ?? ""
                #expect(Self.configTypes.contains(type), "\(name): config type \(type)")
                #expect(entry["name"]?.scalar?.string.isEmpty == false)
                if type == "Select" { #expect(entry["values"]?.sequence?.isEmpty == false) }
            }
        }
        #expect(seen == ["ecsnodes-source": "ResourceModelSource", "ecsnodes-exec": "NodeExecutor"])
    }

    @Test func nodeSourceScriptPrintsTheNodesAsResourceYAML() async throws {
        let plugin = try Self.unpackedPlugin()
        let sim = try await SimServer.start(["--clusters", "2", "--tasks", "3"])
        defer { sim.stop() }
        var environment = Self.rundeckEnvironment(sim)
        environment["RD_CONFIG_CREDENTIAL_PROVIDER"] = "environment"
        environment["RD_CONFIG_PROFILE"] = ""
        let run = try Script.run("/bin/bash", [plugin.appendingPathComponent("contents/nodes.sh").path], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let nodes = try ResourceYAML.decode(run.stdout)
        let names = try ExecCommandTests.nodeNames(sim)
        #expect(!names.isEmpty)
        #expect(nodes.map(\.name).sorted { $0.precedesBytewise($1) } == names)
        #expect(nodes.allSatisfy { $0[attribute: "node-executor"] == "ecsnodes-exec" && $0[attribute: "ECS:Task-ARN"] != nil })

        // A filter and a comma-separated list narrow the list.
        environment["RD_CONFIG_FILTER"] = "name: \(names[0])"
        environment["RD_CONFIG_CONTAINER_NAMES"] = " \(try #require(nodes.first { $0.name == names[0] }?[attribute: "ECS:Container-Name"])) , other"
        let one = try Script.run("/bin/bash", [plugin.appendingPathComponent("contents/nodes.sh").path], environment: environment)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try ResourceYAML.decode(one.stdout).map(\.name) == [names[0]])
    }

    @Test func nodeExecutorScriptGivesTheCommandsBytesAndExitStatus() async throws {
        let plugin = try Self.unpackedPlugin()
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "2"])
        defer { sim.stop() }
        let listed = try CLI.run(["nodes", "--endpoint-url", sim.endpoint, "--max-age", "0", "-o", "json"], environment: ExecCommandTests.environment(sim))
        let node = try #require(try ResourceJSON.decode(Array(listed.stdout.utf8)).first)
        var environment = Self.rundeckEnvironment(sim)
        for (key, value) in node.allAttributes { environment[Self.rundeckVariable("node", key)] = value }
        environment["RD_NODE_NAME"] = node.name

        environment["RD_EXEC_COMMAND"] = #"printf 'hi\n'; exit 3"#
        let failed = try Script.run("/bin/bash", [plugin.appendingPathComponent("contents/exec.sh").path], environment: environment)
        #expect(failed.stdout == "hi\n", "\(failed.stderr)")
        #expect(failed.status == 3)

        environment["RD_EXEC_COMMAND"] = #"printf '%s|%s' "a  b" '"q" \ $x'; echo; echo ${#HOME}>/dev/null"#
        let ok = try Script.run("/bin/bash", [plugin.appendingPathComponent("contents/exec.sh").path], environment: environment)
        #expect(ok.stdout == "a  b|\"q\" \\ $x\n", "\(ok.stderr)")
        #expect(ok.status == 0)

        // A node ECS Exec cannot reach: nothing on standard output, the reason on standard
        // error, ecsnodes' status for a skipped node.
        environment["RD_NODE_ECS_EXEC_ENABLED"] = "false"
        let skipped = try Script.run("/bin/bash", [plugin.appendingPathComponent("contents/exec.sh").path], environment: environment)
        #expect(skipped.stdout.isEmpty && skipped.status == 9)
        #expect(skipped.stderr.contains("execute command is not enabled"), "\(skipped.stderr)")
    }

    /// `RD_<GROUP>_<KEY>` as Rundeck names a data-context value: upper case, every character
    /// outside `[A-Za-z0-9_]` replaced by `_`.
    static func rundeckVariable(_ group: String, _ key: String) -> String {
        "RD_" + "\(group).\(key)".uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? String($0) : "_" }.joined()
    }

    /// The server environment (demo keys, no ~/.aws) plus the executor's and source's config.
    static func rundeckEnvironment(_ sim: SimServer) -> [String: String] {
        var environment = ExecCommandTests.environment(sim)
        environment["RD_CONFIG_ENDPOINT_URL"] = sim.endpoint
        environment["RD_CONFIG_MAX_AGE"] = "0"
        environment["RD_CONFIG_ECSNODES_PATH"] = CLI.binary.path
        return environment
    }
}

/// Runs a script or tool with the environment CLI.run gives ecsnodes (no AWS_* of this process).
enum Script {
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(arguments, environment: environment, executable: URL(fileURLWithPath: executable))
    }
}
