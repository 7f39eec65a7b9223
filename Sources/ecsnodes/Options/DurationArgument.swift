import Foundation
import ArgumentParser

/// A duration on the command line: `90`, `90s`, `1.5s`, `500ms`, `2m`, `1h`.
struct DurationArgument: ExpressibleByArgument, Hashable {
    var duration: Duration

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = Substring(text), scale = 1.0
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            number = text.dropLast(suffix.count)
            scale = factor
            break
        }
        guard let value = Double(number), value > 0, value.isFinite else { return nil }
        duration = .milliseconds(Int64((value * scale * 1000).rounded()))
    }

    var defaultValueDescription: String { "\(duration)" }
}
