import Testing
@testable import AgoraCore

/// The messages people read from `agora protocol canonicalize` say what was wrong.
@Suite struct JSONErrorMessageTests {
    static func message(_ bytes: [UInt8]) throws -> String {
        try #require(throws: JSONError.self) { try CanonicalJSON.decode(bytes) }.message
    }

    @Test func utf8FaultsAreNamed() throws {
        #expect(try Self.message([0x22, 0xE0, 0x80, 0xAF, 0x22]) == "the UTF-8 sequence 0xE0 0x80… is an overlong encoding")
        #expect(try Self.message([0x22, 0xED, 0xA0, 0x80, 0x22]) == "the UTF-8 sequence 0xED 0xA0… encodes a surrogate (U+D800–U+DFFF)")
        #expect(try Self.message([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]) == "the UTF-8 sequence 0xF4 0x90… encodes a code point above U+10FFFF")
        #expect(try Self.message([0x22, 0xC0, 0x80, 0x22]) == "byte 0xC0 can only start an overlong UTF-8 encoding")
        #expect(try Self.message([0x22, 0xE2, 0x82]) == "the UTF-8 sequence that starts with 0xE2 is cut off by the end of the input")
    }

    @Test func surrogateAndEscapeFaultsAreNamed() throws {
        #expect(try Self.message(Array(#""\ud800x""#.utf8)) == #"\uD800 is a high surrogate not followed by a \u low surrogate"#)
        #expect(try Self.message(Array(#""\udc00""#.utf8)) == #"\uDC00 is a low surrogate without a high surrogate before it"#)
        #expect(try Self.message(Array(#""\q""#.utf8)) == #"\'q' is not a JSON escape"#)
    }

    @Test func structuralFaultsNameTheByte() throws {
        #expect(try Self.message(Array("[1 2]".utf8)) == "'2' where ',' or ']' was expected in an array")
        #expect(try Self.message(Array("[1e400]".utf8)) == #"the number "1e400" is beyond the range of an IEEE-754 double"#)
        #expect(try Self.message(Array("NaN".utf8)) == "NaN is not JSON: numbers must be finite (RFC 8259 §6)")
        #expect(try Self.message(Array("\"a\u{1}\"".utf8)) == "the control character U+0001 must be escaped inside a string")
    }
}

@Suite struct JSONByteBufferTests {
    @Test func writingPastCapacityStopsAndSaysSo() {
        let filled = JSONByteBuffer.filling(capacity: 4) { sink in
            sink.appendASCII("abc")
            sink.appendASCII("de")
            sink.append(UInt8(ascii: "f"))
            #expect(sink.count == 4)
            #expect(sink.overflowed)
        }
        #expect(filled == nil)
        #expect(JSONByteBuffer.filling(capacity: 4) { $0.appendASCII("abcd") } == Array("abcd".utf8))
        #expect(JSONByteBuffer.filling(capacity: 0) { $0.appendASCII("") } == [])
    }
}
