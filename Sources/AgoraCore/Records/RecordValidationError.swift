/// Why a record document, or a value an operation writes, was refused.
///
/// It names the JSON path of the fault and what was expected there, e.g.
/// `title.sq: expected a non-empty string`. See `protocol/RECORDS.md`, "Validation".
public struct RecordValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of fault; a struct so that new codes never break a caller's `switch`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The stable name, as listed in `protocol/RECORDS.md`.
        public let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A value of the wrong type or shape.
        public static let invalidValue = Code("invalid-value")
        /// A required member is absent.
        public static let missingField = Code("missing-field")
        /// A member the format does not define.
        public static let unknownField = Code("unknown-field")
        /// The document is not JSON at all.
        public static let invalidJSON = Code("invalid-json")
    }

    /// The kind of fault.
    public let code: Code
    /// The JSON path of the fault, dot-separated, with `[n]` for array elements (empty for the root).
    public let path: String
    /// What was expected there, in plain words.
    public let expected: String
    /// The underlying error, for example the JSON parser's.
    public let cause: (any Error & Sendable)?

    init(_ code: Code = .invalidValue, path: String, expected: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.path = path
        self.expected = expected
        self.cause = cause
    }

    /// The message shown to people: `<path>: <expected>`.
    public var message: String {
        switch code {
        case .missingField: return "\(path): required field is missing (expected \(expected))"
        case .unknownField: return "\(path): unknown field (expected \(expected))"
        default: return path.isEmpty ? "expected \(expected)" : "\(path): expected \(expected)"
        }
    }

    public var description: String { message }

    public static func == (lhs: RecordValidationError, rhs: RecordValidationError) -> Bool {
        lhs.code == rhs.code && lhs.path == rhs.path && lhs.expected == rhs.expected
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(path)
        hasher.combine(expected)
    }
}
