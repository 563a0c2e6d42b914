import Testing
@testable import AgoraCore

/// One case per class of hostile input: each must be refused with its code and the
/// byte offset of the fault, never a crash or a guess.
@Suite struct JSONHostileInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let bytes: [UInt8]
        let code: JSONError.Code
        let offset: Int
        var testDescription: String { "\(code) @\(offset): \(bytes.prefix(24).map { $0 < 0x80 && $0 >= 0x20 ? String(UnicodeScalar($0)) : "·" }.joined())" }

        init(_ text: String, _ code: JSONError.Code, at offset: Int) {
            self.init(Array(text.utf8), code, at: offset)
        }

        init(_ bytes: [UInt8], _ code: JSONError.Code, at offset: Int) {
            self.bytes = bytes
            self.code = code
            self.offset = offset
        }
    }

    static let utf8Cases: [Case] = [
        Case([0x22, 0xC0, 0x80, 0x22], .invalidUTF8, at: 1),                 // overlong NUL
        Case([0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, at: 1),           // overlong '/'
        Case([0x22, 0xF0, 0x82, 0x82, 0xAC, 0x22], .invalidUTF8, at: 1),     // overlong €
        Case([0x22, 0x61, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, at: 2),     // U+D800 encoded in UTF-8
        Case([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, at: 1),     // U+110000
        Case([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, at: 1),     // lead byte beyond U+10FFFF
        Case([0x22, 0x80, 0x22], .invalidUTF8, at: 1),                       // stray continuation
        Case([0x22, 0xC3, 0x28, 0x22], .invalidUTF8, at: 1),                 // missing continuation
        Case([0x22, 0xE2, 0x82], .invalidUTF8, at: 1),                       // cut off by the end
        Case([0x22, 0x5C, 0x6E, 0xFF, 0x22], .invalidUTF8, at: 3),           // after an escape
    ]

    static let surrogateCases: [Case] = [
        Case(#""\ud800""#, .loneSurrogate, at: 1),
        Case(#""ab\uD800x""#, .loneSurrogate, at: 3),
        Case(#""\ud800\u0041""#, .loneSurrogate, at: 1),
        Case(#""\ud800\ud800""#, .loneSurrogate, at: 1),
        Case(#""\udc00""#, .loneSurrogate, at: 1),
        Case(#"["\ud83d\ude02", "\ude02"]"#, .loneSurrogate, at: 18),
    ]

    static let structureCases: [Case] = [
        Case(#"{"a":1,"b":2,"a":3}"#, .duplicateKey, at: 13),
        Case(#"{"a":1,"\u0061":2}"#, .duplicateKey, at: 7),
        Case("{\"\u{C5}\":1,\"A\u{30A}\":2}", .duplicateKey, at: 8),          // canonically equivalent
        Case("[NaN]", .nonFinite, at: 1),
        Case("Infinity", .nonFinite, at: 0),
        Case("[1,-Infinity]", .nonFinite, at: 3),
        Case("[1e400]", .numberOutOfRange, at: 1),
        Case("-1.8e308", .numberOutOfRange, at: 0),
        Case("[1,2] 3", .trailingGarbage, at: 6),
        Case("{} x", .trailingGarbage, at: 3),
        Case("", .unexpectedEnd, at: 0),
        Case("   ", .unexpectedEnd, at: 3),
        Case(#"{"a":[1,"#, .unexpectedEnd, at: 8),
        Case(#""abc"#, .unexpectedEnd, at: 4),
        Case("tru", .unexpectedEnd, at: 3),
        Case("[1 2]", .unexpectedByte, at: 3),
        Case("{'a':1}", .unexpectedByte, at: 1),
        Case("[1,]", .unexpectedByte, at: 3),
        Case("+1", .unexpectedByte, at: 0),
        Case("nulL", .unexpectedByte, at: 3),
        Case(#""\x""#, .invalidEscape, at: 1),
        Case(#""\u12G4""#, .invalidEscape, at: 1),
        Case("\"a\tb\"", .controlCharacter, at: 2),
        Case("\"\u{0}\"", .controlCharacter, at: 1),
        Case("01", .leadingZero, at: 0),
        Case("[-00.5]", .leadingZero, at: 1),
        Case("1.", .unexpectedEnd, at: 2),
        Case("[1.e5]", .invalidNumber, at: 3),
        Case("[-]", .invalidNumber, at: 2),
        Case("[1e+]", .invalidNumber, at: 4),
        Case([0xEF, 0xBB, 0xBF, 0x7B, 0x7D], .byteOrderMark, at: 0),
        Case("[1,\u{A0}2]", .unexpectedByte, at: 3),                           // no-break space is not whitespace
    ]

    @Test(arguments: utf8Cases + surrogateCases + structureCases)
    func isRefusedWithCodeAndOffset(_ hostile: Case) {
        #expect(throws: JSONError.self) { try CanonicalJSON.decode(hostile.bytes) }
        do {
            _ = try CanonicalJSON.decode(hostile.bytes)
        } catch let error as JSONError {
            #expect(error.code == hostile.code, "\(error)")
            #expect(error.offset == hostile.offset, "\(error)")
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("not a JSONError: \(error)")
        }
    }

    @Test(arguments: utf8Cases + surrogateCases + structureCases)
    func canonicalizeRefusesLikeDecode(_ hostile: Case) throws {
        let viaDecode = try #require(throws: JSONError.self) { try CanonicalJSON.decode(hostile.bytes) }
        let viaCanonicalize = try #require(throws: JSONError.self) { try CanonicalJSON.canonicalize(hostile.bytes) }
        #expect(viaDecode == viaCanonicalize)
    }

    @Test func duplicateMessageNamesBothOccurrences() throws {
        let error = try #require(throws: JSONError.self) { try CanonicalJSON.decode(Array(#"{"a":1,"a":1}"#.utf8)) }
        #expect(error.message == #"the member name "a" repeats the one at byte 1 in the same object"#)
        let equivalent = try #require(throws: JSONError.self) {
            try CanonicalJSON.decode(Array("{\"K\":1,\"\u{212A}\":2}".utf8))
        }
        #expect(equivalent.code == .duplicateKey)
        #expect(equivalent.offset == 7)
        #expect(equivalent.message == "the member name \"\u{212A}\" is canonically equivalent to \"K\" at byte 1")
    }

    @Test func ofSeveralDuplicatesTheEarliestRepeatIsNamed() throws {
        let error = try #require(throws: JSONError.self) {
            try CanonicalJSON.decode(Array(#"{"b":1,"a":2,"b":3,"a":4}"#.utf8))
        }
        #expect(error.offset == 13)
    }

    @Test func duplicatesAreCheckedWhenTheObjectCloses() throws {
        // The inner object closes first, so its duplicate is the one reported.
        let error = try #require(throws: JSONError.self) {
            try CanonicalJSON.decode(Array(#"{"a":1,"a":{"x":1,"x":2}}"#.utf8))
        }
        #expect(error.offset == 18)
        let syntax = try #require(throws: JSONError.self) { try CanonicalJSON.decode(Array(#"{"a":1,"a":2,"#.utf8)) }
        #expect(syntax.code == .unexpectedEnd)
    }

    @Test func errorDescriptionNamesOffsetAndCode() throws {
        let error = try #require(throws: JSONError.self) { try CanonicalJSON.decode(Array("[1,2] x".utf8)) }
        #expect(error.description == "invalid JSON at byte 6: 'x' after the end of the document [trailingGarbage]")
    }

    @Test func underflowRoundsToZeroOrSubnormal() throws {
        #expect(try CanonicalJSON.decode(Array("1e-400".utf8)) == .number(0))
        #expect(try CanonicalJSON.decode(Array("5e-324".utf8)) == .number(Double.leastNonzeroMagnitude))
        #expect(try CanonicalJSON.canonicalize(Array("-1e-400".utf8)) == Array("0".utf8))
    }

    @Test func largestFiniteNumbersAreAccepted() throws {
        #expect(try CanonicalJSON.decode(Array("1.7976931348623157e308".utf8)) == .number(Double.greatestFiniteMagnitude))
        #expect(try CanonicalJSON.decode(Array("-1.7976931348623157e308".utf8)) == .number(-Double.greatestFiniteMagnitude))
    }
}
