import Foundation
import Testing
@testable import AgoraNode

@Suite struct LineReaderTests {
    /// A reader over `text` that hands out at most `chunk` bytes per read.
    func makeReader(_ bytes: [UInt8], chunk: Int) -> LineReader {
        var offset = 0
        return LineReader { count in
            let end = min(bytes.count, offset + min(count, chunk))
            defer { offset = end }
            return Data(bytes[offset..<end])
        }
    }

    @Test func splitsAcrossEveryChunkBoundaryAlike() throws {
        let text = Array("a\r\n\n  \nbé\nlast".utf8)
        for chunk in 1...text.count {
            let lines = try makeReader(text, chunk: chunk).next(10)
            #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["a", "bé", "last"], "chunk \(chunk)")
            #expect(lines.map(\.number) == [1, 4, 5])
        }
    }

    @Test func anOverlongLineIsCutAndFlaggedAndTheNextLineIsIntact() throws {
        let long = [UInt8](repeating: 0x61, count: LineReader.maximumLineBytes + 10)
        let reader = makeReader(long + [0x0A] + Array("next".utf8), chunk: 100_000)
        let first = try #require(try reader.next())
        #expect(first.isOverlong)
        #expect(first.bytes.count == LineReader.maximumLineBytes)
        let second = try #require(try reader.next())
        #expect(!second.isOverlong)
        #expect(second.bytes == Array("next".utf8))
        #expect(try reader.next() == nil)
        #expect(reader.linesRead == 2)
    }

    @Test func countsLinesOfAFile() throws {
        let url = try makeTemporaryDirectory().appendingPathComponent("x.jsonl")
        try Data("a\nb\n\nc".utf8).write(to: url)
        #expect(try LineReader.countLines(try FileHandle(forReadingFrom: url)) == 4)
        try Data("a\n".utf8).write(to: url)
        #expect(try LineReader.countLines(try FileHandle(forReadingFrom: url)) == 1)
    }
}
