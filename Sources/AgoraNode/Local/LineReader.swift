import Foundation

/// Reads JSON Lines from a stream in bounded chunks, so an import of any size needs memory for
/// one batch only. Blank lines are skipped; a `\r` before `\n` is dropped.
///
/// A line longer than ``maximumLineBytes`` is not kept whole: it is returned cut, with
/// `isOverlong` set, and the rest of it is skipped (the importer refuses it).
public final class LineReader {
    /// Bytes read from the source at a time.
    public static let chunkBytes = 1 << 20
    /// The longest line kept: the largest change (`ChangeLimits.defaultMaxChangeBytes`) with room to spare.
    public static let maximumLineBytes = 1 << 20

    /// One line of the input.
    public struct Line: Sendable {
        /// Its 1-based number in the input.
        public let number: Int
        /// Its bytes, without the newline (cut when overlong).
        public let bytes: [UInt8]
        /// Whether it was longer than ``LineReader/maximumLineBytes``.
        public let isOverlong: Bool
    }

    private let read: (Int) throws -> Data
    private var buffer: [UInt8] = []
    private var position = 0
    private var number = 0
    private var finished = false

    /// A reader over `read`, which returns up to the given number of bytes, or no bytes at the end.
    public init(read: @escaping (Int) throws -> Data) { self.read = read }

    /// A reader over a file handle.
    public convenience init(handle: FileHandle) {
        self.init { count in try handle.read(upToCount: count) ?? Data() }
    }

    /// Lines read so far, blank ones included.
    public var linesRead: Int { number }

    /// How many lines a file has (a last line without a newline counts), read in chunks.
    public static func countLines(_ handle: FileHandle) throws -> Int {
        var count = 0, last: UInt8 = 0x0A
        while let chunk = try handle.read(upToCount: chunkBytes), !chunk.isEmpty {
            count += chunk.withUnsafeBytes { $0.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }  // Data's own iterator is per byte and slow
            last = chunk.last ?? last
        }
        return count + (last == 0x0A ? 0 : 1)
    }

    /// The next non-blank line, or nil at the end of the input.
    public func next() throws -> Line? {
        while true {
            var line: [UInt8] = []
            var overlong = false
            guard try readLine(into: &line, overlong: &overlong) else { return nil }
            number += 1
            if line.last == 0x0D { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return Line(number: number, bytes: line, isOverlong: overlong)
        }
    }

    /// Up to `count` lines.
    public func next(_ count: Int) throws -> [Line] {
        var lines: [Line] = []
        while lines.count < count, let line = try next() { lines.append(line) }
        return lines
    }

    /// Appends bytes up to the next newline; false when the input ended with nothing read.
    private func readLine(into line: inout [UInt8], overlong: inout Bool) throws -> Bool {
        var sawAnything = false
        while true {
            if position == buffer.count {
                guard !finished else { return sawAnything }
                buffer = Array(try read(Self.chunkBytes))
                position = 0
                if buffer.isEmpty { finished = true; return sawAnything }
            }
            sawAnything = true
            let end = buffer[position...].firstIndex(of: 0x0A) ?? buffer.count
            let room = Self.maximumLineBytes - line.count
            line += buffer[position..<min(end, position + max(0, room))]
            if end - position > room { overlong = true }
            position = min(end + 1, buffer.count)
            if end < buffer.count { return true }
        }
    }
}
