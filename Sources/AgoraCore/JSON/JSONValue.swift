/// A parsed JSON document, as RFC 8785 sees it.
///
/// Numbers are IEEE-754 doubles (RFC 8785 §3.2.2.3). Objects are unordered: the
/// canonical serializer sorts their keys by UTF-16 code units. A parser that builds
/// a `JSONValue` must refuse duplicate keys, so a dictionary loses nothing.
///
/// See `protocol/CANONICAL-JSON.md`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    /// The string, if this value is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number, if this value is a number.
    public var numberValue: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The Boolean, if this value is a Boolean.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, if this value is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The members, if this value is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Whether this value is JSON `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key`, if this value is an object that has it.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}
