extension JSONParser {
    /// Parses the string whose opening quote is at `index` and appends its node.
    ///
    /// The fast path finds no escape: the bytes are checked as UTF-8 in place and the
    /// node points at them. A string with escapes is also unescaped into `tape.unescaped`.
    mutating func parseString() throws(JSONError) {
        index += 1
        let start = index
        var high: UInt8 = 0
        while true {
            skipPlainASCII()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let flags = high >= 0x80 ? JSONTape.Node.nonASCII : 0
                tape.nodes.append(JSONTape.Node(kind: .string, flags: flags, start: start, end: index, next: tape.nodes.count + 1))
                index += 1
                return
            }
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            high |= byte
            try checkStringByte(byte)
        }
        throw JSONError(code: .unexpectedEnd, offset: index, message: "the input ended inside the string that began at byte \(start - 1)")
    }

    /// Moves `index` past whole 8-byte words that hold only printable ASCII other than
    /// `"` and `\`. Stops at, or up to 7 bytes before, the first byte that needs a look.
    @inline(__always)
    private mutating func skipPlainASCII() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let control = word &- ones &* 0x20
            let flagged = (word | (control & ~word) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs
            if flagged != 0 { return }
            index += 8
        }
    }

    private mutating func parseEscapedString(from start: Int) throws(JSONError) {
        let unescapedStart = tape.unescaped.count
        tape.unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = tape.unescaped[unescapedStart...]
                let flags = JSONTape.Node.escaped | (content.contains { $0 >= 0x80 } ? JSONTape.Node.nonASCII : 0)
                tape.nodes.append(JSONTape.Node(kind: .string, flags: flags, start: start, end: index, next: tape.nodes.count + 1,
                                                a: unescapedStart, b: tape.unescaped.count))
                index += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                try parseEscape()
            } else {
                let from = index
                try checkStringByte(byte)
                tape.unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<index]))
            }
        }
        throw JSONError(code: .unexpectedEnd, offset: index, message: "the input ended inside the string that began at byte \(start - 1)")
    }

    /// Accepts one unescaped character starting at `index` and moves past it.
    @inline(__always)
    private mutating func checkStringByte(_ byte: UInt8) throws(JSONError) {
        if byte >= 0x80 {
            try skipUTF8Sequence()
        } else if byte < 0x20 {
            throw error(.controlCharacter, "the control character U+00\(Self.hex(byte)) must be escaped inside a string")
        } else {
            index += 1
        }
    }

    /// Decodes the escape at `index` (a backslash) into `tape.unescaped`.
    private mutating func parseEscape() throws(JSONError) {
        let start = index
        guard index + 1 < bytes.count else {
            throw error(.unexpectedEnd, "the input ended inside an escape")
        }
        let simple: UInt8
        switch bytes[index + 1] {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            let scalar = try parseUnicodeEscape(at: start)
            appendUTF8(scalar)
            return
        default:
            throw error(.invalidEscape, "\\\(describeByte(at: index + 1)) is not a JSON escape")
        }
        tape.unescaped.append(simple)
        index += 2
    }

    /// Reads `\uXXXX`, and its low-surrogate partner when it is a high surrogate.
    private mutating func parseUnicodeEscape(at start: Int) throws(JSONError) -> UInt32 {
        let first = try readHex4(at: start)
        index = start + 6
        if first >= 0xDC00, first <= 0xDFFF {
            throw JSONError(code: .loneSurrogate, offset: start,
                            message: "\\u\(hex16(first)) is a low surrogate without a high surrogate before it")
        }
        guard first >= 0xD800, first <= 0xDBFF else { return first }
        let lowStart = index
        guard lowStart + 1 < bytes.count, bytes[lowStart] == UInt8(ascii: "\\"), bytes[lowStart + 1] == UInt8(ascii: "u") else {
            throw JSONError(code: .loneSurrogate, offset: start,
                            message: "\\u\(hex16(first)) is a high surrogate not followed by a \\u low surrogate")
        }
        let second = try readHex4(at: lowStart)
        guard second >= 0xDC00, second <= 0xDFFF else {
            throw JSONError(code: .loneSurrogate, offset: start,
                            message: "\\u\(hex16(first)) is a high surrogate followed by \\u\(hex16(second)), not a low surrogate")
        }
        index = lowStart + 6
        return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
    }

    /// The four hex digits after the `\u` at `start`.
    private func readHex4(at start: Int) throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for position in (start + 2)..<(start + 6) {
            guard position < bytes.count else {
                throw JSONError(code: .unexpectedEnd, offset: position, message: "the input ended inside a \\u escape")
            }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw JSONError(code: .invalidEscape, offset: start,
                                message: "\\u must be followed by four hex digits, found \(describeByte(at: position))")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            tape.unescaped.append(UInt8(scalar))
        case 0x80..<0x800:
            tape.unescaped.append(UInt8(0xC0 | scalar >> 6))
            tape.unescaped.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            tape.unescaped.append(UInt8(0xE0 | scalar >> 12))
            tape.unescaped.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            tape.unescaped.append(UInt8(0x80 | scalar & 0x3F))
        default:
            tape.unescaped.append(UInt8(0xF0 | scalar >> 18))
            tape.unescaped.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            tape.unescaped.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            tape.unescaped.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Checks the multi-byte UTF-8 sequence whose lead byte is at `index` (RFC 3629 §4)
    /// and moves past it. Errors point at the lead byte.
    private mutating func skipUTF8Sequence() throws(JSONError) {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        case 0x80...0xBF: throw error(.invalidUTF8, "byte 0x\(Self.hex(lead)) is a UTF-8 continuation byte with no lead byte")
        case 0xC0, 0xC1: throw error(.invalidUTF8, "byte 0x\(Self.hex(lead)) can only start an overlong UTF-8 encoding")
        default: throw error(.invalidUTF8, "byte 0x\(Self.hex(lead)) can only start a code point above U+10FFFF")
        }
        guard index + length <= bytes.count else {
            throw error(.invalidUTF8, "the UTF-8 sequence that starts with 0x\(Self.hex(lead)) is cut off by the end of the input")
        }
        let second = bytes[index + 1]
        if second < low || second > high {
            throw error(.invalidUTF8, secondByteProblem(lead: lead, second: second))
        }
        for position in (index + 2)..<(index + length) where bytes[position] & 0xC0 != 0x80 {
            throw error(.invalidUTF8, "the UTF-8 sequence that starts with 0x\(Self.hex(lead)) lacks a continuation byte at byte \(position)")
        }
        index += length
    }

    private func secondByteProblem(lead: UInt8, second: UInt8) -> String {
        let pair = "0x\(Self.hex(lead)) 0x\(Self.hex(second))"
        if second & 0xC0 != 0x80 { return "the UTF-8 sequence \(pair) lacks a continuation byte" }
        switch lead {
        case 0xE0, 0xF0: return "the UTF-8 sequence \(pair)… is an overlong encoding"
        case 0xED: return "the UTF-8 sequence \(pair)… encodes a surrogate (U+D800–U+DFFF)"
        default: return "the UTF-8 sequence \(pair)… encodes a code point above U+10FFFF"
        }
    }
}

private func hex16(_ value: UInt32) -> String {
    JSONParser.hex(UInt8(value >> 8)) + JSONParser.hex(UInt8(value & 0xFF))
}
