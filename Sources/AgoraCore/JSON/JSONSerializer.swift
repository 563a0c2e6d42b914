/// Writes a `JSONValue` as bytes: canonical (RFC 8785 §3.2) or indented for people.
///
/// Both forms sort member names by UTF-16 code units, escape strings the RFC 8785 way
/// and print numbers as ECMAScript does. The pretty form adds newlines and two spaces
/// per level, and nothing else.
struct JSONSerializer {
    private(set) var output: [UInt8] = []
    private let pretty: Bool
    private var level = 0
    /// The output offset of the first non-finite number met, if any (written as `null`).
    private(set) var nonFiniteOffset: Int?

    init(pretty: Bool, capacity: Int = 256) {
        self.pretty = pretty
        output.reserveCapacity(capacity)
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): writeNumber(number)
        case .string(let text): writeString(text)
        case .array(let elements): writeArray(elements)
        case .object(let members): writeObject(members)
        }
    }

    private mutating func writeNumber(_ number: Double) {
        if number.isFinite {
            ECMAScriptNumber.append(number, to: &output)
        } else {
            if nonFiniteOffset == nil { nonFiniteOffset = output.count }
            output.append(contentsOf: "null".utf8)
        }
    }

    private mutating func writeArray(_ elements: [JSONValue]) {
        output.append(UInt8(ascii: "["))
        if elements.isEmpty { output.append(UInt8(ascii: "]")); return }
        level += 1
        for (position, element) in elements.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            newline()
            write(element)
        }
        level -= 1
        newline()
        output.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ members: [String: JSONValue]) {
        output.append(UInt8(ascii: "{"))
        if members.isEmpty { output.append(UInt8(ascii: "}")); return }
        var order = Array(members.indices)
        order.sort { JSONKeyOrder.precedes(members.keys[$0], members.keys[$1]) }
        level += 1
        for (position, index) in order.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            newline()
            writeString(members.keys[index])
            output.append(UInt8(ascii: ":"))
            if pretty { output.append(UInt8(ascii: " ")) }
            write(members.values[index])
        }
        level -= 1
        newline()
        output.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private mutating func newline() {
        guard pretty else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    private mutating func writeString(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ JSONSerializer.appendQuoted($0, to: &output) }) {
            return done
        }
        Array(text.utf8).withUnsafeBufferPointer { JSONSerializer.appendQuoted($0, to: &output) }
    }

    /// Appends `utf8` as a JSON string per RFC 8785 §3.2.2.2: `\"`, `\\`, `\b`, `\f`,
    /// `\n`, `\r`, `\t`, other controls as `\u00xx` in lowercase hex, everything else as
    /// raw UTF-8.
    static func appendQuoted<Sink: JSONByteSink>(_ utf8: UnsafeBufferPointer<UInt8>, to output: inout Sink) {
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        for position in 0..<utf8.count {
            let byte = utf8[position]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            output.append(bytes: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
            appendEscape(byte, to: &output)
            runStart = position + 1
        }
        output.append(bytes: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscape<Sink: JSONByteSink>(_ byte: UInt8, to output: inout Sink) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: output.append(0x22)
        case 0x5C: output.append(0x5C)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            let lowerHex: StaticString = "0123456789abcdef"
            ECMAScriptNumber.appendASCII("u00", to: &output)
            output.append(lowerHex.utf8Start[Int(byte >> 4)])
            output.append(lowerHex.utf8Start[Int(byte & 0xF)])
        }
    }
}
