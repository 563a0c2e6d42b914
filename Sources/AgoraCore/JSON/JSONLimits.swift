/// The bounds a JSON document must stay within to be parsed.
///
/// See `protocol/CANONICAL-JSON.md`, "Limits".
public struct JSONLimits: Sendable, Hashable {
    /// The largest document accepted by default: 1 MiB (1,048,576 bytes).
    public static let defaultMaxBytes = 1_048_576
    /// The deepest nesting of arrays and objects accepted by default: 64.
    public static let defaultMaxDepth = 64
    /// The deepest nesting any caller may ask for: 512. A larger `maxDepth` is
    /// treated as this, so that hostile input can never exhaust a thread's stack.
    public static let maxDepthCeiling = 512

    /// The largest document, in bytes, that is parsed. Longer input is refused
    /// with `JSONError.Code.tooLarge` before any byte is read.
    public var maxBytes: Int
    /// How many arrays and objects may nest: `[]` has depth 1, a scalar depth 0.
    /// Capped at `maxDepthCeiling`.
    public var maxDepth: Int

    /// Limits with the given bounds.
    public init(maxBytes: Int = JSONLimits.defaultMaxBytes, maxDepth: Int = JSONLimits.defaultMaxDepth) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// 1 MiB and 64 levels.
    public static let `default` = JSONLimits()

    /// `maxDepth`, capped at `maxDepthCeiling`.
    var effectiveMaxDepth: Int { min(max(maxDepth, 0), JSONLimits.maxDepthCeiling) }
}
