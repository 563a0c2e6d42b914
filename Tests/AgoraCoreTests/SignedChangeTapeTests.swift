import Testing
@testable import AgoraCore

/// `SignedChange.parse` reads well-formed changes straight from the parser's tape; these tests
/// hold it to the plain path (decode, compare with the canonical encoding, `parse(json:)`).
@Suite struct SignedChangeTapeTests {
    /// The plain path: what `SignedChange.parse(_:)` must answer for any bytes.
    func reference(_ bytes: [UInt8]) -> Result<SignedChange, ChangeRejection> {
        let limits = ChangeLimits.default
        if bytes.count > limits.maxChangeBytes { return .failure(ChangeRejection(.oversized, "")) }
        let json: JSONValue
        do { json = try CanonicalJSON.decode(bytes, limits: JSONLimits(maxBytes: limits.maxChangeBytes)) } catch {
            return .failure(ChangeRejection(.malformed, "\(error)", cause: error))
        }
        guard CanonicalJSON.encode(json) == bytes else { return .failure(SignedChange.nonCanonical) }
        do { return .success(try SignedChange.parse(json: json)) } catch { return .failure(error) }
    }

    func parsed(_ bytes: [UInt8]) -> Result<SignedChange, ChangeRejection> {
        do { return .success(try SignedChange.parse(bytes)) } catch { return .failure(error) }
    }

    static let samples: [[UnsignedOperation]] = [
        [
            .set(field: "title", language: "sq", value: "Portali i të dhënave"),
            .add(field: "themes", value: "transparency/open-data"),
            .set(field: "description", language: "en", value: .string("Open \"data\"\n")),
        ],
        [
            .contribute(entry: "translation", language: "en", value: ["title": "Open data"]),
            .contribute(entry: "adoption", language: nil, value: .null),
            .remove(field: "themes", adds: [AddTag(String(repeating: "ab", count: 32) + ":1")!]),
            .delete, .undelete,
        ],
    ]

    @Test(arguments: samples) func everyOneByteEditIsJudgedAsThePlainPathJudgesIt(_ operations: [UnsignedOperation]) throws {
        let change = try Fixtures.change(Author("tirana"), 1_700_000_000_000, operations)
        let bytes = change.change.wireBytes
        #expect(try SignedChange.parse(bytes) == change.change)
        var accepted = 0, compared = 0
        for position in bytes.indices {
            for replacement in Array("0a\"}x\\".utf8) where bytes[position] != replacement {
                var edited = bytes
                edited[position] = replacement
                let (ours, theirs) = (parsed(edited), reference(edited))
                switch (ours, theirs) {
                case (.success(let a), .success(let b)): #expect(a == b); accepted += 1
                case (.failure(let a), .failure(let b)): #expect(a == b, "at byte \(position)")
                default: Issue.record("byte \(position) -> \(replacement): \(ours) but the plain path says \(theirs)")
                }
                compared += 1
            }
        }
        #expect(compared > 2_000)
        #expect(accepted > 0)
    }

    @Test func theCanonicalCheckComparesEveryByteWithoutWriting() throws {
        let documents = [#"{"a":1,"b":[true,null,"x\n"]}"#, #"{"b":1,"a":2}"#, #"{"a":1.0}"#, #"{"a":"\u0041"}"#,
                         #"[1e2,-0,0.5]"#, #"["é\u00e9"]"#, #"{"a":"\n"}"#, "[100,5e-324]", "[]", #""""#]
        for text in documents {
            let bytes = Array(text.utf8)
            let canonical = try CanonicalJSON.canonicalize(bytes)
            let tape = try bytes.withUnsafeBufferPointer { input in
                try JSONParser.parse(input, limits: .default).withReader(input: input) { $0.isCanonicalDocument() }
            }
            #expect(tape == (canonical == bytes), "\(text)")
        }
    }
}
