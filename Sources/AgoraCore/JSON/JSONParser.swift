/// A strict RFC 8259 / I-JSON (RFC 7493) parser over a buffer of bytes.
///
/// It reads the bytes once, left to right, and stops at the first fault with a
/// `JSONError` that names its offset. The rules are in `protocol/CANONICAL-JSON.md`.
/// It never reads outside `bytes`: every subscript is guarded by an index check.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    private var depth = 0
    private let maxDepth: Int
    /// Reused for strings that hold escapes, so they cost no allocation after the first.
    var scratch: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses one complete document.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits) throws(JSONError) -> JSONValue {
        if bytes.count > limits.maxBytes {
            throw JSONError(code: .tooLarge, offset: max(limits.maxBytes, 0),
                            message: "the document is \(bytes.count) bytes, over the limit of \(limits.maxBytes)")
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw JSONError(code: .byteOrderMark, offset: 0,
                            message: "a byte order mark (EF BB BF) may not start the document")
        }
        var parser = JSONParser(bytes: bytes, maxDepth: limits.effectiveMaxDepth)
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.error(.trailingGarbage, "\(parser.describeByte()) after the end of the document")
        }
        return value
    }

    // MARK: - Values

    mutating func parseValue() throws(JSONError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else {
            throw error(.unexpectedEnd, "the input ended where a value was expected")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            try refuseNonFiniteLiteral(at: index)
            throw error(.unexpectedByte, "\(describeByte()) cannot start a value")
        }
    }

    private mutating func parseArray() throws(JSONError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            if try endOfContainer(closing: UInt8(ascii: "]"), what: "array") { break }
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func parseObject() throws(JSONError) -> JSONValue {
        try enterContainer()
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let keyOffset = index
            guard index < bytes.count else { throw error(.unexpectedEnd, "the input ended where a member name was expected") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error(.unexpectedByte, "\(describeByte()) where a member name (a string) was expected")
            }
            let key = try parseString()
            if let existing = members.index(forKey: key) {
                throw duplicateKeyError(key, earlier: members[existing].key, at: keyOffset)
            }
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "the input ended where ':' was expected") }
            guard bytes[index] == UInt8(ascii: ":") else {
                throw error(.unexpectedByte, "\(describeByte()) where ':' was expected after a member name")
            }
            index += 1
            members[key] = try parseValue()
            if try endOfContainer(closing: UInt8(ascii: "}"), what: "object") { break }
        }
        depth -= 1
        return .object(members)
    }

    /// Consumes `,` (returns false) or the closing bracket (returns true).
    private mutating func endOfContainer(closing: UInt8, what: String) throws(JSONError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else {
            throw error(.unexpectedEnd, "the input ended inside an \(what)")
        }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: ",") { return false }
        if byte == closing { return true }
        index -= 1
        throw error(.unexpectedByte, "\(describeByte()) where ',' or '\(Character(Unicode.Scalar(closing)))' was expected in an \(what)")
    }

    private mutating func enterContainer() throws(JSONError) {
        if depth >= maxDepth {
            throw error(.tooDeep, "arrays and objects nest deeper than the limit of \(maxDepth)")
        }
        depth += 1
        index += 1
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(JSONError) {
        let start = index
        let count = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        for offset in 0..<count {
            guard index < bytes.count else {
                throw JSONError(code: .unexpectedEnd, offset: index, message: "the input ended inside the literal '\(literal)'")
            }
            guard bytes[index] == text[offset] else {
                throw JSONError(code: .unexpectedByte, offset: index,
                                message: "\(describeByte()) inside what began as the literal '\(literal)' at byte \(start)")
            }
            index += 1
        }
    }

    private func duplicateKeyError(_ key: String, earlier: String, at offset: Int) -> JSONError {
        if key.utf8.elementsEqual(earlier.utf8) {
            return JSONError(code: .duplicateKey, offset: offset, message: "the member name \(quoted(key)) appears twice in one object")
        }
        return JSONError(code: .duplicateKey, offset: offset,
                         message: "the member name \(quoted(key)) is canonically equivalent to the earlier name \(quoted(earlier))")
    }

    // MARK: - Bytes

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    func error(_ code: JSONError.Code, _ message: String) -> JSONError {
        JSONError(code: code, offset: index, message: message)
    }

    /// The byte at `index`, for messages: `'x'` when printable ASCII, else `byte 0xNN`.
    func describeByte(at position: Int? = nil) -> String {
        let at = position ?? index
        guard at < bytes.count else { return "the end of the input" }
        let byte = bytes[at]
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + hex(byte)
    }
}

func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
}

/// A string for an error message: quoted, cut after 40 characters, controls escaped.
func quoted(_ text: String) -> String {
    let cut = text.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…" : text
    return "\"" + cut.unicodeScalars.map { $0.value < 0x20 ? $0.escaped(asASCII: true) : String($0) }.joined() + "\""
}
