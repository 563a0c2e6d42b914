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
        var serializer = JSONSerializer(pretty: false)
        serializer.write(value)
        return serializer.output
    }

    /// The canonical bytes of `value`, refusing non-finite numbers.
    ///
    /// - Throws: `JSONError` with code `nonFinite`, whose offset is where the number
    ///   would have been written in the output.
    public static func checkedEncode(_ value: JSONValue) throws -> [UInt8] {
        var serializer = JSONSerializer(pretty: false)
        serializer.write(value)
        if let offset = serializer.nonFiniteOffset {
            throw JSONError(code: .nonFinite, offset: offset, message: "NaN and infinities cannot be written as JSON")
        }
        return serializer.output
    }

    /// Parses one JSON document strictly (RFC 8259, I-JSON RFC 7493, RFC 8785 §3.1).
    ///
    /// - Parameters:
    ///   - bytes: the document, UTF-8 without a byte order mark.
    ///   - limits: the size and depth bounds; `.default` is 1 MiB and 64 levels.
    /// - Throws: `JSONError` naming the first fault and its byte offset.
    public static func decode(_ bytes: [UInt8], limits: JSONLimits = .default) throws -> JSONValue {
        try decodeTyped(bytes, limits: limits)
    }

    /// Parses one JSON document from memory the caller owns, without copying it.
    ///
    /// - Throws: `JSONError` naming the first fault and its byte offset.
    public static func decode(_ buffer: UnsafeRawBufferPointer, limits: JSONLimits = .default) throws -> JSONValue {
        try decodeTyped(buffer.assumingMemoryBound(to: UInt8.self), limits: limits)
    }

    /// Parses `bytes` and returns their canonical form.
    ///
    /// - Throws: `JSONError` naming the first fault and its byte offset.
    public static func canonicalize(_ bytes: [UInt8], limits: JSONLimits = .default) throws -> [UInt8] {
        try bytes.withUnsafeBufferPointer { (input) throws(JSONError) -> [UInt8] in
            let tape = try JSONParser.parse(input, limits: limits)
            return tape.withReader(input: input) { reader in
                var overflowed = false
                let bound = tape.canonicalLengthBound(inputCount: input.count)
                let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                    var sink = JSONByteBuffer(buffer)
                    reader.writeCanonical(0, to: &sink)
                    overflowed = sink.overflowed
                    count = overflowed ? 0 : sink.count
                }
                guard overflowed else { return output }
                // Unreachable while the bound holds; a growable array is always correct.
                var growable: [UInt8] = []
                reader.writeCanonical(0, to: &growable)
                return growable
            }
        }
    }

    /// Whether `a` sorts before `b` as canonical member names do: by UTF-16 code units.
    public static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        JSONKeyOrder.precedes(a, b)
    }

    private static func decodeTyped(_ bytes: [UInt8], limits: JSONLimits) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (input) throws(JSONError) -> JSONValue in try decodeTyped(input, limits: limits) }
    }

    private static func decodeTyped(_ input: UnsafeBufferPointer<UInt8>, limits: JSONLimits) throws(JSONError) -> JSONValue {
        let tape = try JSONParser.parse(input, limits: limits)
        return tape.withReader(input: input) { $0.value(0) }
    }
}
