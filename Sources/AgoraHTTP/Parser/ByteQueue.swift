/// Bytes received but not yet consumed, with the line and body reads both parsers need.
struct ByteQueue: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next LF resumes, so byte-by-byte input costs O(n), not O(n²).
    private var scanFrom = 0

    /// Unconsumed bytes.
    var count: Int { buffer.count - start }
    var isEmpty: Bool { start == buffer.count }

    mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        compact()
        buffer.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// The next CRLF-terminated line without its CRLF, or `nil` if it has not fully arrived.
    /// A line longer than `limit` throws `overLimit` whether or not it is complete, so the outcome
    /// does not depend on how the bytes were split. A bare LF is refused.
    mutating func takeLine(limit: Int, overLimit: HTTPParseError) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        guard let lf = buffer[scanFrom...].firstIndex(of: HTTPGrammar.lf) else {
            if buffer.count - start > limit + 1 { throw overLimit }
            scanFrom = buffer.count
            return nil
        }
        if lf - start > limit + 1 { throw overLimit }
        guard lf > start, buffer[lf - 1] == HTTPGrammar.cr else {
            throw .malformed(.malformedHeader, "line ends with a bare LF; CRLF is required")
        }
        let line = buffer[start..<(lf - 1)]
        consume(upTo: lf + 1)
        return line
    }

    /// Up to `limit` bytes, consumed.
    mutating func take(upTo limit: Int) -> ArraySlice<UInt8> {
        let end = start + min(limit, count)
        let slice = buffer[start..<end]
        consume(upTo: end)
        return slice
    }

    /// Consumes CRLF: `true` when it was there, `false` when something else was, `nil` if too few bytes.
    mutating func takeCRLF() -> Bool? {
        guard count >= 2 else { return nil }
        guard buffer[start] == HTTPGrammar.cr, buffer[start + 1] == HTTPGrammar.lf else { return false }
        consume(upTo: start + 2)
        return true
    }

    private mutating func consume(upTo index: Int) {
        start = index
        scanFrom = index
    }

    /// Drops consumed bytes so the buffer does not grow across messages.
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            start = 0
            scanFrom = 0
        } else if start > 4096 && start > buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            scanFrom -= start
            start = 0
        }
    }
}
