/// Somewhere the serializers write bytes: a growable `[UInt8]`, or a `JSONByteBuffer`
/// sized up front.
protocol JSONByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: JSONByteSink where Element == UInt8 {
    @inline(__always)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
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
}
