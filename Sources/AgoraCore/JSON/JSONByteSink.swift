/// Somewhere the serializers write bytes: a growable `[UInt8]`, or a `JSONByteBuffer`
/// sized up front.
protocol JSONByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
    /// How many bytes were written.
    var count: Int { get }
    /// Whether a write was refused for want of room: the output is then incomplete.
    var overflowed: Bool { get }
}

extension Array: JSONByteSink where Element == UInt8 {
    @inline(__always)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }

    var overflowed: Bool { false }
}

/// A fixed-capacity output buffer with no per-append allocation check.
///
/// Writing past the capacity never happens out of bounds: the buffer stops writing and
/// sets `overflowed`, and the caller starts again with a growable array.
struct JSONByteBuffer: JSONByteSink {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0
    private(set) var overflowed = false

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        guard count < buffer.count else { overflowed = true; return }
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, let base = buffer.baseAddress else { return }
        guard bytes.count <= buffer.count - count else { overflowed = true; return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Fills a new array through a `JSONByteBuffer` of `capacity` bytes; nil if it overflowed.
    static func filling(capacity: Int, _ body: (inout JSONByteBuffer) -> Void) -> [UInt8]? {
        var overflowed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { storage, count in
            var sink = JSONByteBuffer(storage)
            body(&sink)
            overflowed = sink.overflowed
            count = overflowed ? 0 : sink.count
        }
        return overflowed ? nil : bytes
    }
}

extension JSONByteSink {
    @inline(__always)
    mutating func appendASCII(_ text: StaticString) {
        append(bytes: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `utf8` as a JSON string per RFC 8785 §3.2.2.2: `\"`, `\\`, `\b`, `\f`,
    /// `\n`, `\r`, `\t`, other controls as `\u00xx` in lowercase hex, everything else as
    /// raw UTF-8.
    mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        var runStart = 0
        var position = 0
        while position < utf8.count {
            // Eight bytes at a time while none of them needs an escape.
            if utf8.count - position >= 8,
               !JSONEscapeScan.needsEscape(UnsafeRawPointer(utf8.baseAddress! + position).loadUnaligned(as: UInt64.self)) {
                position += 8
                continue
            }
            let byte = utf8[position]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                append(bytes: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                appendEscape(byte)
                runStart = position + 1
            }
            position += 1
        }
        append(bytes: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: append(0x22)
        case 0x5C: append(0x5C)
        case 0x08: append(UInt8(ascii: "b"))
        case 0x0C: append(UInt8(ascii: "f"))
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0D: append(UInt8(ascii: "r"))
        case 0x09: append(UInt8(ascii: "t"))
        default:
            let lowerHex: StaticString = "0123456789abcdef"
            appendASCII("u00")
            append(lowerHex.utf8Start[Int(byte >> 4)])
            append(lowerHex.utf8Start[Int(byte & 0xF)])
        }
    }
}

/// Tests eight bytes at once for one that a JSON string must escape.
enum JSONEscapeScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is below 0x20, a quotation mark or a backslash. Exact: the
    /// classic "has a zero byte" and "has a byte less than n" bit tricks have no false positives
    /// when only their being nonzero is used.
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let control = (word &- ones &* 0x20) & ~word & highBits
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let quoteZero = (quote &- ones) & ~quote & highBits
        let backslashZero = (backslash &- ones) & ~backslash & highBits
        return control | quoteZero | backslashZero != 0
    }
}
