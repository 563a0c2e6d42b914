extension JSONTapeReader {
    /// Appends the canonical bytes of the value at node `index` (RFC 8785 §3.2).
    ///
    /// Strings without escapes and plain integers are copied from the input as they
    /// stand: they are already canonical.
    func writeCanonical<Sink: JSONByteSink>(_ index: Int, to output: inout Sink) {
        let node = nodes[index]
        switch node.kind {
        case .null, .true, .false:
            output.append(bytes: UnsafeBufferPointer(rebasing: input[node.start..<node.end]))
        case .number:
            if node.flags & JSONTape.Node.canonicalText != 0 {
                output.append(bytes: UnsafeBufferPointer(rebasing: input[node.start..<node.end]))
            } else {
                ECMAScriptNumber.append(Double(bitPattern: UInt64(UInt(bitPattern: node.a))), to: &output)
            }
        case .string:
            writeCanonicalString(index, node, to: &output)
        case .array:
            writeCanonicalArray(index, node, to: &output)
        case .object:
            writeCanonicalObject(node, to: &output)
        }
    }

    private func writeCanonicalArray<Sink: JSONByteSink>(_ index: Int, _ node: JSONTape.Node, to output: inout Sink) {
        output.append(UInt8(ascii: "["))
        var child = index + 1
        while child < node.next {
            if child > index + 1 { output.append(UInt8(ascii: ",")) }
            writeCanonical(child, to: &output)
            child = nodes[child].next
        }
        output.append(UInt8(ascii: "]"))
    }

    private func writeCanonicalObject<Sink: JSONByteSink>(_ node: JSONTape.Node, to output: inout Sink) {
        output.append(UInt8(ascii: "{"))
        for (position, key) in members(node).enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            writeCanonicalString(key, nodes[key], to: &output)
            output.append(UInt8(ascii: ":"))
            writeCanonical(key + 1, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private func writeCanonicalString<Sink: JSONByteSink>(_ index: Int, _ node: JSONTape.Node, to output: inout Sink) {
        if node.flags & JSONTape.Node.escaped == 0 {
            // No backslash, no control character: the raw bytes are the canonical form.
            output.append(bytes: UnsafeBufferPointer(rebasing: input[(node.start - 1)...node.end]))
        } else {
            output.appendQuoted(content(index))
        }
    }

    /// The `JSONValue` of the node at `index`. Duplicate names were refused while parsing.
    func value(_ index: Int) -> JSONValue {
        let node = nodes[index]
        switch node.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return .number(Double(bitPattern: UInt64(UInt(bitPattern: node.a))))
        case .string: return .string(String(decoding: content(index), as: UTF8.self))
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(node.b)
            var child = index + 1
            while child < node.next {
                elements.append(value(child))
                child = nodes[child].next
            }
            return .array(elements)
        case .object:
            var object: [String: JSONValue] = Dictionary(minimumCapacity: node.b)
            for key in members(node) {
                object[String(decoding: content(key), as: UTF8.self)] = value(key + 1)
            }
            return .object(object)
        }
    }
}
