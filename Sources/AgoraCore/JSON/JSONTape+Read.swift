/// Reading single values straight off a tape, for callers that know the shape they expect
/// (a signed change) and want neither a `JSONValue` tree nor a second encoding.
extension JSONTapeReader {
    /// Whether the document's canonical form (RFC 8785) is exactly `input`, checked without
    /// writing it anywhere. Strings and integers already canonical are compared by position
    /// alone, so a canonical document costs one walk over its tape.
    func isCanonicalDocument() -> Bool {
        var sink = JSONComparingSink(expected: input)
        writeCanonical(0, to: &sink)
        return !sink.overflowed && sink.count == input.count
    }

    /// Whether node `index` (a value or a member name) is the string `text`.
    func isString(_ index: Int, _ text: StaticString) -> Bool {
        guard nodes[index].kind == .string else { return false }
        let bytes = content(index)
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        return JSONComparingSink.equal(bytes, UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The string at node `index`; nil when it is not a string.
    func string(_ index: Int) -> String? {
        nodes[index].kind == .string ? String(decoding: content(index), as: UTF8.self) : nil
    }

    /// The number at node `index`; nil when it is not a number.
    func number(_ index: Int) -> Double? {
        nodes[index].kind == .number ? Double(bitPattern: UInt64(UInt(bitPattern: nodes[index].a))) : nil
    }

    /// The input bytes of the value at node `index`, quotes included for a string. In a
    /// canonical document they are the value's canonical bytes.
    func rawBytes(_ index: Int) -> [UInt8] {
        let node = nodes[index]
        let range = node.kind == .string ? (node.start - 1)..<(node.end + 1) : node.start..<node.end
        return Array(input[range])
    }
}

/// A sink that writes nothing and instead compares what it is given with `expected`,
/// position by position; `overflowed` reports the first difference.
struct JSONComparingSink: JSONByteSink {
    let expected: UnsafeBufferPointer<UInt8>
    private(set) var count = 0
    private(set) var overflowed = false

    init(expected: UnsafeBufferPointer<UInt8>) {
        self.expected = expected
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        guard !overflowed, count < expected.count, expected[count] == byte else { overflowed = true; return }
        count += 1
    }

    @inline(__always)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard !overflowed, bytes.count <= expected.count - count else { overflowed = true; return }
        let here = UnsafeBufferPointer(rebasing: expected[count..<(count + bytes.count)])
        // Bytes copied from the input at the same offset are equal without looking at them.
        if bytes.baseAddress != here.baseAddress && !Self.equal(bytes, here) { overflowed = true; return }
        count += bytes.count
    }

    /// Whether two buffers of the same length hold the same bytes.
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var differ = false
        for i in 0..<min(a.count, b.count) { differ = differ || a[i] != b[i] }
        return !differ && a.count == b.count
    }
}
