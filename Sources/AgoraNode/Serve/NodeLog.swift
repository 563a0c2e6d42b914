import AgoraCore
import Foundation

/// Structured log lines: one JSON object per line, `{"time":…,"level":…,"event":…, fields…}`.
///
/// The server writes them on stderr; tests pass a sink that collects them. Members are sorted
/// (RFC 8785), so lines are stable to grep and parse. Event names are listed in `docs/API.md`.
public struct NodeLog: Sendable {
    /// The severity of a line.
    public enum Level: String, Sendable { case debug, info, warning, error }

    let sink: @Sendable (String) -> Void
    let clock: @Sendable () -> Date

    /// A log that hands each line (without newline) to `sink`.
    public init(clock: @escaping @Sendable () -> Date = { Date() }, sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
        self.clock = clock
    }

    /// A log on standard error.
    public static let standardError = NodeLog { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes one line: `event` at `level`, with `fields` as strings.
    public func write(_ level: Level, _ event: String, _ fields: [String: String] = [:]) {
        var object = fields.mapValues(JSONValue.string)
        object["time"] = .string(Self.timestamp(clock()))
        object["level"] = .string(level.rawValue)
        object["event"] = .string(event)
        sink(String(decoding: CanonicalJSON.encode(.object(object)), as: UTF8.self))
    }

    /// `info` shorthand.
    public func info(_ event: String, _ fields: [String: String] = [:]) { write(.info, event, fields) }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
