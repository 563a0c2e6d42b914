import Foundation
import Testing
@testable import AgoraCLI

/// A temporary folder with a generated key, for signing tests.
private struct Signer {
    let directory: URL
    let publicKey: String

    static func make() async throws -> Signer {
        let directory = try makeTemporaryDirectory()
        let result = await runTool(["keys", "generate", "-o", "k.key", "--json"], directory: directory)
        let json = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
        let key = try #require(json?["publicKey"] as? String)
        let keys = #"{"keys":[{"key":"\#(key)","city":"tirana","status":"active"}]}"#
        try Data(keys.utf8).write(to: directory.appendingPathComponent("keys.json"))
        return Signer(directory: directory, publicKey: key)
    }

    static func unsigned(title: String, ms: Int, record: String = "tirana/practice/open-data-portal") -> String {
        #"{"coalition":"ccdr","record":"\#(record)","city":"tirana","hlc":[\#(ms),0],"ops":[{"op":"set","field":"title","lang":"en","value":"\#(title)"}]}"#
    }

    /// Signs and returns (wire line without newline, id).
    func sign(title: String, ms: Int, record: String = "tirana/practice/open-data-portal") async -> (line: String, id: String) {
        let result = await runTool(["protocol", "sign", "--key", "k.key"], stdin: Data(Self.unsigned(title: title, ms: ms, record: record).utf8),
                                   directory: directory)
        let id = result.err.replacingOccurrences(of: "id: ", with: "").trimmingCharacters(in: .newlines)
        return (String(result.out.dropLast()), id)
    }

    func run(_ arguments: [String], _ input: String) async -> RunResult {
        await runTool(arguments, stdin: Data(input.utf8), directory: directory)
    }
}

@Suite struct ChangeCommandTests {
    let now = "1780000000000"

    @Test func signThenVerifyGivesTheSameId() async throws {
        let signer = try await Signer.make()
        let signed = await signer.sign(title: "Open data portal", ms: 1_700_000_000_000)
        #expect(signed.id.count == 64)
        #expect(signed.line.hasPrefix(#"{"bodies":{"#))
        let verified = await signer.run(["protocol", "verify", "--now", now], signed.line + "\n")
        #expect(verified.code == .success, "\(verified.err)")
        #expect(verified.out == signed.id + "\n")
        let withKeys = await signer.run(["protocol", "verify", "--now", now, "--directory", "keys.json"], signed.line)
        #expect(withKeys.code == .success, "\(withKeys.err)")
    }

    @Test func verifyNamesEachPreciseReason() async throws {
        let signer = try await Signer.make()
        let signed = await signer.sign(title: "Open data portal", ms: 1_700_000_000_000)
        let signature = signed.line.range(of: #""signature":""#)!.upperBound
        var flipped = signed.line
        flipped.replaceSubrange(signature...signature, with: signed.line[signature] == "0" ? "1" : "0")
        let cases: [(String, [String], String)] = [
            (signed.line.replacingOccurrences(of: "Open data portal", with: "Open data portaL"), [], "body-hash-mismatch"),
            (flipped, [], "bad-signature"),
            (#"{"bodies":{}"# + signed.line[signed.line.range(of: #","header""#)!.lowerBound...], [], "missing-body"),
            (signed.line.replacingOccurrences(of: #"{"bodies""#, with: #"{ "bodies""#), [], "non-canonical"),
            (signed.line, ["--now", "1690000000000"], "future-timestamp"),
            (#"{"bodies":{},"header":{},"signature":""}"#, [], "schema-violation"),
            ("{not json", [], "malformed"),
        ]
        for (input, extra, code) in cases {
            let result = await signer.run(["protocol", "verify"] + (extra.isEmpty ? ["--now", now] : extra), input)
            #expect(result.code == .failure, "\(code)")
            #expect(result.err.contains(": line 1: \(code)"), "\(code): \(result.err)")
        }
        let otherCity = #"{"keys":[{"key":"\#(signer.publicKey)","city":"sofia","status":"active"}]}"#
        try Data(otherCity.utf8).write(to: signer.directory.appendingPathComponent("sofia.json"))
        let mismatch = await signer.run(["protocol", "verify", "--now", now, "--directory", "sofia.json"], signed.line)
        #expect(mismatch.err.contains("key-city-mismatch"))
    }

    @Test func verifyJSONReportsEveryLine() async throws {
        let signer = try await Signer.make()
        let a = await signer.sign(title: "A", ms: 1_700_000_000_000)
        let result = await signer.run(["protocol", "verify", "--json", "--now", now], a.line + "\n\nnot json\n")
        #expect(result.code == .failure)
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == #"{"line":1,"ok":true,"id":"\#(a.id)"}"#)
        #expect(lines[1].hasPrefix(#"{"line":3,"ok":false,"code":"malformed""#))
    }

    @Test func signRefusesABadUnsignedChangeNamingThePath() async throws {
        let signer = try await Signer.make()
        let result = await signer.run(["protocol", "sign", "--key", "k.key"], #"{"coalition":"ccdr","record":"nope","city":"tirana","hlc":[1,0],"ops":[]}"#)
        #expect(result.code == .failure)
        #expect(result.err.contains("schema-violation"))
        let noKey = await signer.run(["protocol", "sign"], "{}")
        #expect(noKey.code == .usage)
    }

    @Test func mergeIsTheSameWhateverTheOrder() async throws {
        let signer = try await Signer.make()
        let first = await signer.sign(title: "First", ms: 1_700_000_000_000)
        let second = await signer.sign(title: "Second", ms: 1_700_000_000_500)
        let other = await signer.sign(title: "Other", ms: 1_700_000_000_100, record: "tirana/toolkit/guide")
        let forward = await signer.run(["protocol", "merge", "--directory", "keys.json"], [first.line, second.line, other.line].joined(separator: "\n"))
        #expect(forward.code == .success, "\(forward.err)")
        let shuffled = await signer.run(["protocol", "merge", "--directory", "keys.json"], [other.line, second.line, first.line, second.line].joined(separator: "\n"))
        #expect(shuffled.out == forward.out)
        let states = forward.out.split(separator: "\n")
        #expect(states.count == 2)
        #expect(states[0].contains(#""Second""#) && !states[0].contains(#""First""#))
        #expect(states[1].contains(#""Other""#))
        let one = await signer.run(["protocol", "merge", "--directory", "keys.json", "--record", "tirana/toolkit/guide"], other.line)
        #expect(one.out == states[1] + "\n")
    }

    @Test func mergeStopsAtAnInvalidChange() async throws {
        let signer = try await Signer.make()
        let first = await signer.sign(title: "First", ms: 1_700_000_000_000)
        let result = await signer.run(["protocol", "merge", "--directory", "keys.json"], first.line + "\n" + first.line.replacingOccurrences(of: "First", with: "Forged"))
        #expect(result.code == .failure)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("<stdin>: line 2: body-hash-mismatch"))
        let noDirectory = await signer.run(["protocol", "merge"], first.line)
        #expect(noDirectory.code == .usage)
    }

    @Test func signAndVerifyThroughTheBuiltBinary() async throws {
        guard let binary = BuiltBinary.url else { return }
        let signer = try await Signer.make()
        let signed = try BuiltBinary.run(binary, ["protocol", "sign", "--key", "k.key"],
                                         input: Data(Signer.unsigned(title: "Pipe", ms: 1_700_000_000_000).utf8), directory: signer.directory)
        #expect(signed.status == 0, "\(signed.err)")
        let verified = try BuiltBinary.run(binary, ["protocol", "verify"], input: signed.out, directory: signer.directory)
        #expect(verified.status == 0, "\(verified.err)")
        #expect("id: " + String(decoding: verified.out, as: UTF8.self) == signed.err)
    }
}
