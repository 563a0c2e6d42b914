/// Writes a `JSONValue` as bytes: canonical (RFC 8785 §3.2) or indented for people.
///
/// Both forms sort member names by UTF-16 code units, escape strings the RFC 8785 way
/// and print numbers as ECMAScript does. The pretty form adds newlines and two spaces
/// per level, and nothing else.
struct JSONSerializer<Sink: JSONByteSink> {
    private(set) var output: Sink
    private let pretty: Bool
    private var level = 0
    /// The output offset of the first non-finite number met, if any (written as `null`).
    private(set) var nonFiniteOffset: Int?

    init(into output: Sink, pretty: Bool) {
        self.output = output
        self.pretty = pretty
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: output.appendASCII("null")
        case .bool(let flag): output.appendASCII(flag ? "true" : "false")
        case .number(let number): writeNumber(number)
        case .string(let text): writeString(text)
        case .array(let elements): writeArray(elements)
        case .object(let members): writeObject(members)
        }
    }

    mutating func writeNumber(_ number: Double) {
        if number.isFinite {
            ECMAScriptNumber.append(number, to: &output)
        } else {
            if nonFiniteOffset == nil { nonFiniteOffset = output.count }
            output.appendASCII("null")
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
            if output.overflowed { return }
        }
        level -= 1
        newline()
        output.append(UInt8(ascii: "]"))
    }

    mutating func writeObject(_ members: [String: JSONValue]) {
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
            if output.overflowed { return }
        }
        level -= 1
        newline()
        output.append(UInt8(ascii: "}"))
    }

    /// Appends `text` as it is: punctuation and member names known to need no escape.
    @inline(__always)
    mutating func writeRaw(_ text: StaticString) {
        output.appendASCII(text)
    }

    @inline(__always)
    private mutating func newline() {
        guard pretty else { return }
        output.append(0x0A)
        for _ in 0..<(2 * level) { output.append(UInt8(ascii: " ")) }
    }

    mutating func writeString(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ output.appendQuoted($0) }) {
            return done
        }
        Array(text.utf8).withUnsafeBufferPointer { output.appendQuoted($0) }
    }
}

/// Something that writes itself through a `JSONSerializer` with no `JSONValue` in between,
/// byte for byte as the serializer would write its `JSONValue` form. Types other than
/// `JSONValue` write the canonical form only: use them through `CanonicalJSON.encode(_:)`.
protocol JSONSerializable {
    func write<Sink: JSONByteSink>(to serializer: inout JSONSerializer<Sink>)
}

extension JSONValue: JSONSerializable {
    func write<Sink: JSONByteSink>(to serializer: inout JSONSerializer<Sink>) { serializer.write(self) }
}
