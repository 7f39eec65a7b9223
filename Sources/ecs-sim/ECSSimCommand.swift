import ArgumentParser
import ECSSim

@main
struct ECSSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ecs-sim",
                                                    abstract: "A local ECS API and Session Manager data channel")
    func run() async throws {}
}
