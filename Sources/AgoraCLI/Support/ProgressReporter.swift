import Foundation

/// Progress of long work (import, export, rebuild) on standard error.
///
/// On a terminal it redraws one bar in place (`import [#######.......]  52% 5200/10000`);
/// otherwise it writes a plain line at every tenth of the work (or every
/// ``plainStep`` items when the total is unknown), so logs stay readable.
public final class ProgressReporter: @unchecked Sendable {
    // @unchecked: the store may report from its writer thread; every mutable member is only
    // touched while `lock` is held.
    private let lock = NSLock()

    /// Width of the bar in characters, between the brackets.
    public static let barWidth = 30
    /// How long work runs before ``CommandContext/progressOfLongWork(_:total:)`` draws a bar: 1 s.
    public static let longWorkMilliseconds: Int64 = 1_000
    /// When the total is unknown, a plain line is written every this many items.
    public static let plainStep = 1000

    private let label: String
    private var total: Int?
    private let sink: any OutputSink
    private let isTerminal: Bool
    private var lastDrawn: Int = -1
    private var done = 0
    private let isQuietOffTerminal: Bool
    private let clock: @Sendable () -> Int64
    private let drawFrom: Int64

    /// Creates a reporter; nothing is written until the first update.
    ///
    /// - Parameters:
    ///   - onlyOnTerminal: write no progress at all when `sink` is not a terminal (the summary still).
    ///   - after: on a terminal, draw nothing until the work has run this many milliseconds, so
    ///     short work shows no bar (`clock` gives Unix milliseconds; a parameter for tests).
    public init(label: String, total: Int?, sink: any OutputSink, isTerminal: Bool, onlyOnTerminal: Bool = false,
                after milliseconds: Int64 = 0, clock: @escaping @Sendable () -> Int64 = { 0 }) {
        self.label = label
        self.total = total.map { max(0, $0) }
        self.sink = sink
        self.isTerminal = isTerminal
        self.isQuietOffTerminal = onlyOnTerminal
        self.clock = clock
        self.drawFrom = milliseconds > 0 ? clock() + milliseconds : Int64.min
    }

    /// Records that `count` items are done in all, redrawing when the visible figure changes.
    ///
    /// - Parameter total: the total, when it became known only now (a positive number replaces it).
    public func update(_ count: Int, total newTotal: Int? = nil) {
        lock.lock()
        defer { lock.unlock() }
        if let newTotal, newTotal > 0 { total = newTotal }
        done = count
        if !isTerminal && isQuietOffTerminal { return }
        if isTerminal && drawFrom != Int64.min && clock() < drawFrom { return }
        let mark = milestone(count)
        guard mark != lastDrawn else { return }
        lastDrawn = mark
        if isTerminal {
            sink.write("\r\u{1B}[2K" + Self.render(label: label, done: count, total: total))
        } else {
            sink.line(Self.plain(label: label, done: count, total: total))
        }
    }

    /// Ends the bar (a newline on a terminal) and writes the summary line, if any.
    public func finish(_ summary: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal, lastDrawn >= 0 { sink.write("\n") }
        if let summary { sink.line(summary) }
    }

    /// The step the display is at: a percent on a terminal, a tenth (or a ``plainStep``) otherwise.
    private func milestone(_ count: Int) -> Int {
        guard let total, total > 0 else { return isTerminal ? count : count / Self.plainStep }
        let percent = min(100, count * 100 / total)
        return isTerminal ? percent : (count >= total ? 10 : percent / 10)
    }

    /// The terminal line: `label [####....]  40% 400/1000`, or a count when the total is unknown.
    public static func render(label: String, done: Int, total: Int?) -> String {
        guard let total, total > 0 else { return "\(label) \(done)" }
        let clamped = min(max(done, 0), total)
        let filled = clamped * barWidth / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        let percent = String(clamped * 100 / total)
        return "\(label) [\(bar)] \(String(repeating: " ", count: 3 - percent.count))\(percent)% \(done)/\(total)"
    }

    /// The plain line: `label: 400/1000 (40%)`, or `label: 400` when the total is unknown.
    public static func plain(label: String, done: Int, total: Int?) -> String {
        guard let total, total > 0 else { return "\(label): \(done)" }
        return "\(label): \(done)/\(total) (\(min(100, done * 100 / total))%)"
    }
}
