/// A value bound to, or read from, an SQL statement.
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int64) { self = .integer(value) }
    init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
    /// `.text` for a string, `.null` for nil.
    static func optional(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }
    /// `.integer` for a number, `.null` for nil.
    static func optional(_ number: Int?) -> SQLValue { number.map { .integer(Int64($0)) } ?? .null }
    /// `.blob` for bytes, `.null` for nil.
    static func optional(_ bytes: [UInt8]?) -> SQLValue { bytes.map { .blob($0) } ?? .null }
    /// An `.integer` from an `Int`.
    static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
}
