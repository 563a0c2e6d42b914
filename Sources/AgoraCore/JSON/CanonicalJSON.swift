/// RFC 8785 JSON Canonicalization Scheme: strict parsing and canonical bytes.
///
/// The rules, limits and error codes are in `protocol/CANONICAL-JSON.md`.
public enum CanonicalJSON {
    /// The canonical bytes of `value` (RFC 8785 §3.2): no whitespace, member names
    /// sorted by UTF-16 code units, RFC 8785 string escapes, ECMAScript numbers.
    ///
    /// A `JSONValue` built in code may hold a NaN or an infinity, which JSON cannot
    /// carry: they are written as `null`. Use `checkedEncode(_:)` to refuse them instead.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        serialize(value, pretty: false).bytes
    }

    /// The canonical bytes of `value`, refusing non-finite numbers.
    ///
    /// - Throws: `JSONError` with code `nonFinite`, whose offset is where the number
    ///   would have been written in the output.
    public static func checkedEncode(_ value: JSONValue) throws -> [UInt8] {
        let (bytes, nonFiniteOffset) = serialize(value, pretty: false)
        if let offset = nonFiniteOffset {
            throw JSONError(code: .nonFinite, offset: offset, message: "NaN and infinities cannot be written as JSON")
        }
        return bytes
    }

    /// Parses one JSON document strictly (RFC 8259, I-JSON RFC 7493, RFC 8785 §3.1).
    ///
    /// - Parameters:
    ///   - bytes: the document, UTF-8 without a byte order mark.
    ///   - limits: the size and depth bounds; `.default` is 1 MiB and 64 levels.
    /// - Throws: `JSONError` naming the first fault and its byte offset.
    public static func decode(_ bytes: [UInt8], limits: JSONLimits = .default) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { (input) throws(JSONError) -> JSONValue in
            let tape = try JSONParser.parse(input, limits: limits)
            return tape.withReader(input: input) { $0.value(0) }
        }
    }

    /// Parses one JSON document from memory the caller owns, without copying it.
    ///
    /// - Throws: `JSONError` naming the first fault and its byte offset.
    public static func decode(_ buffer: UnsafeRawBufferPointer, limits: JSONLimits = .default) throws -> JSONValue {
        let input = buffer.assumingMemoryBound(to: UInt8.self)
        let tape = try JSONParser.parse(input, limits: limits)
        return tape.withReader(input: input) { $0.value(0) }
    }

    /// Parses `bytes` and returns their canonical form.
    ///
    /// Cheaper than `encode(decode(bytes))`: no value is built. This is the call for
    /// hashing and verifying a signed document.
    /// - Throws: `JSONError` naming the first fault and its byte offset.
    public static func canonicalize(_ bytes: [UInt8], limits: JSONLimits = .default) throws -> [UInt8] {
        try bytes.withUnsafeBufferPointer { (input) throws(JSONError) -> [UInt8] in
            let tape = try JSONParser.parse(input, limits: limits)
            return tape.withReader(input: input) { canonicalBytes($0, tape) }
        }
    }

    /// Parses `bytes` once and returns both the value and its canonical form.
    ///
    /// - Throws: `JSONError` naming the first fault and its byte offset.
    public static func decodeAndCanonicalize(_ bytes: [UInt8], limits: JSONLimits = .default) throws
        -> (value: JSONValue, canonical: [UInt8]) {
        try bytes.withUnsafeBufferPointer { (input) throws(JSONError) -> (value: JSONValue, canonical: [UInt8]) in
            let tape = try JSONParser.parse(input, limits: limits)
            return tape.withReader(input: input) { ($0.value(0), canonicalBytes($0, tape)) }
        }
    }

    /// Whether `a` sorts before `b` as canonical member names do: by UTF-16 code units.
    public static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        JSONKeyOrder.precedes(a, b)
    }

    private static func canonicalBytes(_ reader: JSONTapeReader, _ tape: JSONTape) -> [UInt8] {
        let bound = tape.canonicalLengthBound(inputCount: reader.input.count)
        if let bytes = JSONByteBuffer.filling(capacity: bound, { reader.writeCanonical(0, to: &$0) }) {
            return bytes
        }
        // Unreachable while the bound holds; a growable array is always correct.
        var growable: [UInt8] = []
        reader.writeCanonical(0, to: &growable)
        return growable
    }

    /// The first buffer `serialize` tries; larger output falls back to a growable array.
    private static let serializeCapacity = 4096

    static func serialize(_ value: JSONValue, pretty: Bool) -> (bytes: [UInt8], nonFiniteOffset: Int?) {
        fill(value, pretty: pretty)
    }

    /// The canonical bytes of a value that writes its canonical form itself, with no `JSONValue` built.
    static func encode<Value: JSONSerializable>(_ value: Value) -> [UInt8] {
        fill(value, pretty: false).bytes
    }

    private static func fill<Value: JSONSerializable>(_ value: Value, pretty: Bool) -> (bytes: [UInt8], nonFiniteOffset: Int?) {
        var nonFiniteOffset: Int?
        let fixed = JSONByteBuffer.filling(capacity: serializeCapacity) { sink in
            var serializer = JSONSerializer(into: sink, pretty: pretty)
            value.write(to: &serializer)
            sink = serializer.output
            nonFiniteOffset = serializer.nonFiniteOffset
        }
        if let fixed { return (fixed, nonFiniteOffset) }
        var serializer = JSONSerializer(into: [UInt8](), pretty: pretty)
        value.write(to: &serializer)
        return (serializer.output, serializer.nonFiniteOffset)
    }
}
