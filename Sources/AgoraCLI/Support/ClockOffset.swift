import Foundation

/// `AGORA_CLOCK_OFFSET_MS`: a testing-only shift of the node's wall clock, in milliseconds, so a
/// test can run a real node whose clock runs fast or slow (`docs/CLI.md`, "Environment").
///
/// It moves everything the node reads from its clock: the HLC stamps of its own changes, the
/// future-timestamp check on what it receives, its sync bound and its status. Never set it in
/// production: a node ahead by more than the coalition's skew has its changes refused by the
/// others until their clocks catch up.
enum ClockOffset {
    /// The variable's name.
    static let variable = "AGORA_CLOCK_OFFSET_MS"
    /// The largest shift either way: one day, the largest configurable skew.
    static let maximumMilliseconds: Int64 = 86_400_000

    /// The shift `environment` sets (0 when unset).
    /// - Throws: ``CLIError`` `usage` unless it is an integer from -86400000 to 86400000.
    static func milliseconds(in environment: [String: String]) throws -> Int64 {
        guard let text = environment[variable] else { return 0 }
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)), abs(value) <= maximumMilliseconds else {
            throw CLIError.usage("\(variable) must be an integer number of milliseconds from -\(maximumMilliseconds) to \(maximumMilliseconds), not '\(text)'")
        }
        return value
    }

    /// The system clock shifted by `environment`'s offset (an invalid one is refused by
    /// ``CommandLineTool/run(_:io:root:)`` before any command runs).
    static func clock(_ environment: [String: String]) -> @Sendable () -> Int64 {
        let offset = (try? milliseconds(in: environment)) ?? 0
        return { Int64(Date().timeIntervalSince1970 * 1000) + offset }
    }
}
