import AgoraTesting
import Testing
@testable import AgoraCore

/// Properties over many random values, from a fixed seed so a failure reproduces.
@Suite struct JSONRoundTripTests {
    @Test func decodeOfEncodeGivesTheValueBackAndEncodeIsAFixedPoint() throws {
        var random = SplitMix64(seed: 0x5EED_0001)
        for _ in 0..<3_000 {
            let value = random.jsonValue(depth: 4)
            let bytes = CanonicalJSON.encode(value)
            let decoded = try CanonicalJSON.decode(bytes)
            #expect(decoded == value)
            #expect(CanonicalJSON.encode(decoded) == bytes)
            #expect(try CanonicalJSON.canonicalize(bytes) == bytes)
            #expect(try CanonicalJSON.canonicalize(Array(JSONWriter.pretty(value).utf8)) == bytes)
        }
    }

    @Test func membersAreSortedByUTF16CodeUnits() throws {
        var random = SplitMix64(seed: 0x5EED_0002)
        for _ in 0..<2_000 {
            let a = random.string(maxLength: 4), b = random.string(maxLength: 4)
            #expect(CanonicalJSON.keyPrecedes(a, b) == a.utf16.lexicographicallyPrecedes(b.utf16), "\(Array(a.unicodeScalars)) vs \(Array(b.unicodeScalars))")
        }
        let bytes = CanonicalJSON.encode(.object(["\u{FB33}": .null, "\u{1F602}": .null, "\u{E000}": .null, "a": .null]))
        #expect(String(decoding: bytes, as: UTF8.self) == "{\"a\":null,\"\u{1F602}\":null,\"\u{E000}\":null,\"\u{FB33}\":null}")
    }

    @Test func everyFiniteDoubleSurvivesFormatAndParse() throws {
        var random = SplitMix64(seed: 0x5EED_0003)
        for _ in 0..<10_000 {
            let value = random.finiteDouble()
            let text = ECMAScriptNumber.format(value)
            #expect(try CanonicalJSON.decode(Array(text.utf8)) == .number(value), "\(value.bitPattern) -> \(text)")
        }
    }

    @Test func mutatedDocumentsAreParsedOrRefusedNeverCrash() throws {
        var random = SplitMix64(seed: 0x5EED_0004)
        var refused = 0
        for _ in 0..<3_000 {
            var bytes = Array(JSONWriter.pretty(random.jsonValue(depth: 3)).utf8)
            for _ in 0...random.below(3) where !bytes.isEmpty {
                bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            }
            do {
                let value = try CanonicalJSON.decode(bytes)
                let canonical = try CanonicalJSON.canonicalize(bytes)
                #expect(canonical == CanonicalJSON.encode(value))
                #expect(try CanonicalJSON.decode(canonical) == value)
            } catch let error as JSONError {
                refused += 1
                #expect(error.offset >= 0 && error.offset <= bytes.count)
                #expect(throws: error) { try CanonicalJSON.canonicalize(bytes) }
            }
        }
        #expect(refused > 100)
    }

    @Test func decodeAndCanonicalizeGivesBothForms() throws {
        let input = Array(#"{ "b": [1.50, "\u00e9"], "a": -0 }"#.utf8)
        let (value, canonical) = try CanonicalJSON.decodeAndCanonicalize(input)
        #expect(value == .object(["a": .number(0), "b": .array([.number(1.5), .string("é")])]))
        #expect(canonical == Array(#"{"a":0,"b":[1.5,"é"]}"#.utf8))
        let fromBuffer = try input.withUnsafeBytes { try CanonicalJSON.decode($0) }
        #expect(fromBuffer == value)
    }

    @Test func numbersThatPrintLongerThanTheirTokenFit() throws {
        let tokens = Array(repeating: "1e20", count: 300) + Array(repeating: "-12345678901234567e-22", count: 300) + ["1E-7", "-0"]
        let input = Array(("[" + tokens.joined(separator: ",") + "]").utf8)
        let canonical = try CanonicalJSON.canonicalize(input)
        #expect(canonical == CanonicalJSON.encode(try CanonicalJSON.decode(input)))
        #expect(canonical.count > input.count)
        #expect(String(decoding: canonical, as: UTF8.self).hasSuffix(",-0.0000012345678901234567,1e-7,0]"))
    }

    @Test func largeValuesEncodeLikeSmallOnes() throws {
        var random = SplitMix64(seed: 0x5EED_0005)
        let value = JSONValue.array((0..<400).map { _ in random.jsonValue(depth: 3) })
        let bytes = CanonicalJSON.encode(value)
        #expect(bytes.count > 8_192)
        #expect(try CanonicalJSON.canonicalize(bytes) == bytes)
        #expect(try CanonicalJSON.canonicalize(Array(JSONWriter.pretty(value).utf8)) == bytes)
    }

    @Test func negativeZeroIsWrittenAsZero() {
        #expect(CanonicalJSON.encode(.number(-0.0)) == Array("0".utf8))
        #expect(ECMAScriptNumber.format(-0.0) == "0")
    }

    @Test func nonFiniteNumbersAreNullOrRefusedWhenEncoding() throws {
        let value = JSONValue.array([.number(1), .number(.nan)])
        #expect(CanonicalJSON.encode(value) == Array("[1,null]".utf8))
        let error = try #require(throws: JSONError.self) { try CanonicalJSON.checkedEncode(value) }
        #expect(error.code == .nonFinite)
        #expect(error.offset == 3)
        #expect(try CanonicalJSON.checkedEncode(.array([.number(1)])) == Array("[1]".utf8))
    }

    @Test func stringsAreEscapedTheRFC8785Way() {
        let text = "\"\\/\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F}é€😂"
        let bytes = CanonicalJSON.encode(.string(text))
        #expect(String(decoding: bytes, as: UTF8.self) == #""\"\\/\b\f\n\r\t\u0000\u001f"# + "\u{7F}é€😂\"")
    }
}

/// Random JSON pieces for the round-trip properties.
extension SplitMix64 {
    mutating func finiteDouble() -> Double {
        switch below(4) {
        case 0: return Double(Int64(bitPattern: next()) >> below(64))
        case 1: return Double(below(2_000_000) - 1_000_000) / 1000
        default:
            while true {
                let value = Double(bitPattern: next())
                if value.isFinite { return value }
            }
        }
    }

    mutating func string(maxLength: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<below(maxLength + 1) {
            let pools: [ClosedRange<UInt32>] = [0...0x7F, 0...0x1F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF]
            let pool = pools[below(pools.count)]
            scalars.append(Unicode.Scalar(pool.lowerBound + UInt32(below(Int(pool.upperBound - pool.lowerBound) + 1)))!)
        }
        return String(scalars)
    }

    mutating func jsonValue(depth: Int) -> JSONValue {
        switch below(depth > 0 ? 7 : 5) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2: return .number(finiteDouble())
        case 3, 4: return .string(string(maxLength: 8))
        case 5: return .array((0..<below(5)).map { _ in jsonValue(depth: depth - 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<below(5) { members[string(maxLength: 4)] = jsonValue(depth: depth - 1) }
            return .object(members)
        }
    }
}
