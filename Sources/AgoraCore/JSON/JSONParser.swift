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
    var tape: JSONTape
    /// Key node indices of the objects still open, innermost last.
    var openMembers: [Int] = []

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.tape = JSONTape(capacityFor: bytes.count)
    }

    /// Parses one complete document into a tape.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits) throws(JSONError) -> JSONTape {
        if bytes.count > limits.maxBytes {
            throw JSONError(code: .tooLarge, offset: max(limits.maxBytes, 0),
                            message: "the document is \(bytes.count) bytes, over the limit of \(limits.maxBytes)")
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw JSONError(code: .byteOrderMark, offset: 0,
                            message: "a byte order mark (EF BB BF) may not start the document")
        }
        var parser = JSONParser(bytes: bytes, maxDepth: limits.effectiveMaxDepth)
        try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.error(.trailingGarbage, "\(parser.describeByte()) after the end of the document")
        }
        return parser.tape
    }

    // MARK: - Values

    mutating func parseValue() throws(JSONError) {
        skipWhitespace()
        guard index < bytes.count else {
            throw error(.unexpectedEnd, "the input ended where a value was expected")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "t"): try parseLiteral("true", .true)
        case UInt8(ascii: "f"): try parseLiteral("false", .false)
        case UInt8(ascii: "n"): try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        default:
            try refuseNonFiniteLiteral(at: index)
            throw error(.unexpectedByte, "\(describeByte()) cannot start a value")
        }
    }

    private mutating func parseArray() throws(JSONError) {
        let node = try openContainer(.array)
        var count = 0
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
        } else {
            repeat {
                try parseValue()
                count += 1
            } while try !endOfContainer(closing: UInt8(ascii: "]"), what: "array")
        }
        closeContainer(node, count: count)
    }

    private mutating func parseObject() throws(JSONError) {
        let node = try openContainer(.object)
        let firstMember = openMembers.count
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            repeat {
                try parseMember()
            } while try !endOfContainer(closing: UInt8(ascii: "}"), what: "object")
        }
        tape.nodes[node].a = tape.memberOrder.count
        try orderMembers(from: firstMember)
        closeContainer(node, count: openMembers.count - firstMember)
        openMembers.removeSubrange(firstMember...)
    }

    private mutating func parseMember() throws(JSONError) {
        skipWhitespace()
        guard index < bytes.count else { throw error(.unexpectedEnd, "the input ended where a member name was expected") }
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw error(.unexpectedByte, "\(describeByte()) where a member name (a string) was expected")
        }
        openMembers.append(tape.nodes.count)
        try parseString()
        skipWhitespace()
        guard index < bytes.count else { throw error(.unexpectedEnd, "the input ended where ':' was expected") }
        guard bytes[index] == UInt8(ascii: ":") else {
            throw error(.unexpectedByte, "\(describeByte()) where ':' was expected after a member name")
        }
        index += 1
        try parseValue()
    }

    /// Consumes `,` (returns false) or the closing bracket (returns true).
    private mutating func endOfContainer(closing: UInt8, what: String) throws(JSONError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else {
            throw error(.unexpectedEnd, "the input ended inside an \(what)")
        }
        let byte = bytes[index]
        if byte == UInt8(ascii: ",") { index += 1; return false }
        if byte == closing { index += 1; return true }
        throw error(.unexpectedByte, "\(describeByte()) where ',' or '\(Character(Unicode.Scalar(closing)))' was expected in an \(what)")
    }

    private mutating func openContainer(_ kind: JSONTape.Kind) throws(JSONError) -> Int {
        if depth >= maxDepth {
            throw error(.tooDeep, "arrays and objects nest deeper than the limit of \(maxDepth)")
        }
        depth += 1
        tape.nodes.append(JSONTape.Node(kind: kind, start: index, end: index))
        index += 1
        return tape.nodes.count - 1
    }

    private mutating func closeContainer(_ node: Int, count: Int) {
        depth -= 1
        tape.nodes[node].b = count
        tape.nodes[node].end = index
        tape.nodes[node].next = tape.nodes.count
    }

    private mutating func parseLiteral(_ literal: StaticString, _ kind: JSONTape.Kind) throws(JSONError) {
        let start = index
        let text = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in text {
            guard index < bytes.count else {
                throw JSONError(code: .unexpectedEnd, offset: index, message: "the input ended inside the literal '\(literal)'")
            }
            guard bytes[index] == expected else {
                throw JSONError(code: .unexpectedByte, offset: index,
                                message: "\(describeByte()) inside what began as the literal '\(literal)' at byte \(start)")
            }
            index += 1
        }
        tape.nodes.append(JSONTape.Node(kind: kind, start: start, end: index, next: tape.nodes.count + 1))
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
        return "byte 0x" + Self.hex(byte)
    }
}

extension JSONParser {
    /// Two uppercase hex digits, for messages.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }

    /// A string for an error message: quoted, cut after 40 characters, controls escaped.
    static func quoted(_ text: String) -> String {
        let cut = text.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…" : text
        return "\"" + cut.unicodeScalars.map { $0.value < 0x20 ? $0.escaped(asASCII: true) : String($0) }.joined() + "\""
    }
}
