// ecs-sim-channel: the data-channel half of ecs-sim on its own, for benchmarks and debugging.
//
//     ecs-sim-channel [--host 127.0.0.1] [--port 0]
//
// Prints `{"endpoint": "http://127.0.0.1:PORT", "pid": N}` on its first line, then serves
// until its standard input closes or it gets SIGTERM/SIGINT. Sessions are registered with
// `POST /_sim/sessions` (see DataChannelServer); `GET /_sim/stats` gives the counters.
import Dispatch
import Foundation
import SimSession

var host = "127.0.0.1"
var port = 0
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--host": host = arguments.popFirst() ?? host
    case "--port": port = arguments.popFirst().flatMap(Int.init) ?? port
    default:
        FileHandle.standardError.write(Data("usage: ecs-sim-channel [--host HOST] [--port PORT]\n".utf8))
        exit(64)
    }
}

let hub = SessionHub(verifyUpgrade: { _ in true })
let server = try await DataChannelServer.start(hub: hub, host: host, port: port)
let banner = #"{"endpoint": "http://\#(host):\#(server.port)", "pid": \#(ProcessInfo.processInfo.processIdentifier)}"#
FileHandle.standardOutput.write(Data((banner + "\n").utf8))

let (stop, stopContinuation) = AsyncStream<Void>.makeStream()
let signalSources = [SIGTERM, SIGINT].map { signalNumber -> any DispatchSourceSignal in
    signal(signalNumber, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: signalNumber)
    source.setEventHandler { stopContinuation.yield() }
    source.resume()
    return source
}
Thread.detachNewThread {
    while !FileHandle.standardInput.availableData.isEmpty {}
    stopContinuation.yield()
}
for await _ in stop { break }
try await server.shutdown()
withExtendedLifetime(signalSources) {}
