/// Reads the fields of one binary message, refusing to read past its end.
struct SyncByteReader {
    let bytes: [UInt8]
    private(set) var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - position }
    var isAtEnd: Bool { position == bytes.count }

    mutating func byte(_ what: String) throws(SyncError) -> UInt8 {
        guard position < bytes.count else { throw SyncError(.truncated, "the message ends before \(what)") }
        position += 1
        return bytes[position - 1]
    }

    mutating func take(_ count: Int, _ what: String) throws(SyncError) -> ArraySlice<UInt8> {
        guard count <= remaining else {
            throw SyncError(.truncated, "\(what) needs \(count) bytes; \(remaining) are left")
        }
        position += count
        return bytes[(position - count)..<position]
    }

    /// An unsigned LEB128 varint: at most 9 bytes, at most 2^63 - 1, in its shortest form.
    mutating func varint(_ what: String) throws(SyncError) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<9 {
            let b = try byte(what)
            value |= UInt64(b & 0x7F) << UInt64(7 * index)
            if b & 0x80 == 0 {
                if index > 0 && b == 0 { throw SyncError(.badVarint, "\(what) is not in its shortest form") }
                return value
            }
        }
        throw SyncError(.badVarint, "\(what) is longer than 9 bytes")
    }

    /// A varint that must be at most `limit`.
    mutating func count(_ what: String, limit: Int) throws(SyncError) -> Int {
        let value = try varint(what)
        guard value <= UInt64(limit) else { throw SyncError(.overLimit, "\(what) is \(value); at most \(limit) allowed") }
        return Int(value)
    }
}

/// Appends the fields of one binary message.
struct SyncByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }
    mutating func append(_ values: some Sequence<UInt8>) { bytes.append(contentsOf: values) }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// The encoded length of `value` as a varint.
    static func varintLength(_ value: UInt64) -> Int {
        var v = value, n = 1
        while v >= 0x80 { v >>= 7; n += 1 }
        return n
    }
}
