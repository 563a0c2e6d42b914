/// The Prometheus text exposition format, version 0.0.4: one `# HELP` and one `# TYPE` line per
/// family, then its samples. Families come out in the order they are added, samples in the order
/// given; label values are escaped (`\\`, `\"`, `\n`) and numbers written as Prometheus reads them.
/// See docs/METRICS.md.
public struct MetricsText: Sendable {
    /// A family's type.
    public enum Kind: String, Sendable { case counter, gauge, histogram }

    /// The content type of the exposition.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private(set) var text = ""

    /// An empty exposition.
    public init() {}

    /// The exposition's bytes.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// Starts family `name` of `kind` with its help line.
    public mutating func family(_ name: String, _ kind: Kind, help: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(kind.rawValue)\n"
    }

    /// One sample: `name{labels} value`.
    public mutating func sample(_ name: String, _ labels: [(String, String)] = [], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + Self.number(value) + "\n"
    }

    /// A family with one sample per labelled value (a counter or gauge with one label set each).
    public mutating func add(_ name: String, _ kind: Kind, help: String, _ samples: [([(String, String)], Double)]) {
        family(name, kind, help: help)
        for (labels, value) in samples { sample(name, labels, value) }
    }

    /// A family with one unlabelled sample.
    public mutating func add(_ name: String, _ kind: Kind, help: String, _ value: Double) {
        add(name, kind, help: help, [([], value)])
    }

    /// `value` as Prometheus writes it: integers without a fraction, `+Inf`, `-Inf`, `NaN`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func escapeLabel(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
