import Foundation

/// Parses `agora-bench NAME [--seconds S]` and runs the named benchmark.
///
/// Output is one line per figure, `name value unit`, so scripts can read it with `awk`.
enum BenchmarkCommand {
    /// The default time per measurement, in seconds.
    static let defaultSeconds = 3.0
    /// The longest time per measurement: benchmarks share a small machine.
    static let maximumSeconds = 60.0

    static func run(arguments: [String]) -> Int32 {
        guard let name = arguments.first, name != "--help", name != "-h" else {
            writeError(usage)
            return arguments.isEmpty ? 2 : 0
        }
        guard let benchmark = Benchmarks.all.first(where: { $0.name == name }) else {
            writeError("agora-bench: no benchmark named \(name)\n\(usage)")
            return 2
        }
        guard let seconds = seconds(in: Array(arguments.dropFirst())) else {
            writeError("agora-bench: --seconds needs a number in (0, \(maximumSeconds)]\n")
            return 2
        }
        do {
            for figure in try benchmark.run(seconds) {
                FileHandle.standardOutput.write(Data((figure.line + "\n").utf8))
            }
            return 0
        } catch {
            writeError("agora-bench \(name): \(error)\n")
            return 1
        }
    }

    private static func seconds(in options: [String]) -> Double? {
        guard !options.isEmpty else { return defaultSeconds }
        guard options.count == 2, options[0] == "--seconds", let value = Double(options[1]),
              value > 0, value <= maximumSeconds else { return nil }
        return value
    }

    private static var usage: String {
        let names = Benchmarks.all.map { "  \($0.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.summary)" }
        return "usage: agora-bench NAME [--seconds S]   (default \(defaultSeconds) s per measurement)\n"
            + names.joined(separator: "\n") + "\n"
    }

    private static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
