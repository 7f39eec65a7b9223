import AWSHTTP
import Executor
import Foundation

/// Runs a plan: sets up AWS, fans out, prints as results come, and stops cleanly on Ctrl-C.
struct ExecRun {
    struct Options {
        var fanOut: FanOut
        var style: ExecPrinter.Style
        var debug: Bool
    }

    let plan: ExecPlan
    let source: SourceOptions
    let options: Options

    func run() async throws -> ExecSummary {
        let start = ContinuousClock.now
        let names = plan.jobs.map(\.target.node) + plan.skipped.map(\.node)
        let printer = ExecPrinter(style: options.style, nodes: names, total: names.count)
        for skipped in plan.skipped { printer.finished(skipped) }
        guard !plan.jobs.isEmpty else {
            printer.endProgress()
            return ExecSummary(results: plan.skipped, wallTime: .now - start, interrupted: false)
        }
        let debug: (@Sendable (String, String) -> Void)? = options.debug ? { @Sendable node, line in printer.debug(node: node, line: line) } : nil
        let setup = try await ExecSetup(options: source, parallel: options.fanOut.parallel, debug: debug)
        defer { setup.transport.close() }
        let jobs = plan.jobs, fanOut = options.fanOut, runner = setup.runner
        let work = Task {
            await fanOut.run(jobs, runner: runner, output: { printer.output(node: $0, bytes: $1) }, finished: { printer.finished($0) })
        }
        let interrupt = Interrupt(cancelling: work)
        let results = await work.value
        withExtendedLifetime(interrupt) {}
        printer.endProgress()
        return ExecSummary(results: plan.skipped + results, wallTime: .now - start, interrupted: work.isCancelled,
                           showFrames: options.debug || ProcessInfo.processInfo.environment["ECSNODES_FRAME_STATS"] == "1")
    }
}
