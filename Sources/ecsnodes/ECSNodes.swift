import ArgumentParser

@main
struct ECSNodes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecsnodes",
        abstract: "Query and act on the containers of ECS clusters as Rundeck nodes",
        version: "0.1.0",
        subcommands: [Nodes.self, Exec.self, Shell.self, Watch.self, Serve.self, Check.self, FilterCommand.self]
    )
}
