import AgoraCore
import AgoraCrypto
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// The project's own protocol vectors (`protocol/vectors/`) run through the CLI toolbox:
/// what a second implementation checks itself against, this command line must reproduce.
@Suite struct ProtocolVectorCommandTests {
    /// A vector file of `protocol/vectors/`, or nil (with a message) when it is absent.
    func vector(_ name: String) throws -> JSONValue? {
        let url = ExternalVectors.projectRoot.appendingPathComponent("protocol/vectors/\(name)")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            FileHandle.standardError.write(Data("SKIP: \(url.path) is absent\n".utf8))
            return nil
        }
        return try CanonicalJSON.decode(Array(data))
    }

    func text(_ value: JSONValue?) -> String {
        String(decoding: CanonicalJSON.encode(value ?? .null), as: UTF8.self)
    }

    @Test func signReproducesEveryChangeVector() async throws {
        guard let keys = try vector("keys.json"), let changes = try vector("changes.json") else { return }
        let directory = try makeTemporaryDirectory()
        for key in keys["keys"]?.arrayValue ?? [] {
            let seed = try #require(Hex.decode(key["seed"]?.stringValue ?? "", count: 32))
            try KeyFile.write(try Ed25519.PrivateKey(seed: seed), to: directory.appendingPathComponent("\(key["name"]?.stringValue ?? "").key").path)
        }
        let cases = changes["cases"]?.arrayValue ?? []
        #expect(!cases.isEmpty)
        for item in cases {
            let unsigned = item["unsigned"]?.stringValue ?? text(item["unsigned"])
            let result = await runTool(["protocol", "sign", "--key", "\(item["key"]?.stringValue ?? "").key"], stdin: Data(unsigned.utf8), directory: directory)
            #expect(result.code == .success, "\(item["name"]?.stringValue ?? ""): \(result.err)")
            #expect(result.out == (item["wire"]?.stringValue ?? "") + "\n", "\(item["name"]?.stringValue ?? "")")
            #expect(result.err == "id: \(item["id"]?.stringValue ?? "")\n")
        }
    }

    @Test func verifyGivesEveryRejectionCode() async throws {
        guard let vectors = try vector("rejections.json") else { return }
        let directory = try makeTemporaryDirectory()
        try Data(text(vectors["directory"]).utf8).write(to: directory.appendingPathComponent("keys.json"))
        let now = String(Int(vectors["now"]?.numberValue ?? 0))
        for item in vectors["cases"]?.arrayValue ?? [] {
            let name = item["name"]?.stringValue ?? "", expected = item["expected"]?.stringValue ?? ""
            // The CLI reads JSON Lines, where a final newline ends the line rather than belonging to it.
            if name == "trailing-newline" { continue }
            let result = await runTool(["protocol", "verify", "--now", now, "--directory", "keys.json"],
                                       stdin: Data((item["wire"]?.stringValue ?? "").utf8), directory: directory)
            if expected == "none" {
                #expect(result.code == .success, "\(name): \(result.err)")
            } else {
                #expect(result.code == .failure, "\(name)")
                #expect(result.err.contains("line 1: \(expected)"), "\(name): \(result.err)")
            }
        }
    }

    @Test func mergeGivesEveryScenarioStateInReverseOrder() async throws {
        guard let vectors = try vector("merge.json") else { return }
        let directory = try makeTemporaryDirectory()
        // A scenario with `admittedUnder` needs its body-less copies verified under another
        // directory than the merge's; `agora protocol merge` verifies and merges under one.
        for scenario in vectors["scenarios"]?.arrayValue ?? [] where scenario["admittedUnder"] == nil {
            let name = scenario["name"]?.stringValue ?? "", record = scenario["record"]?.stringValue ?? ""
            try Data(text(scenario["directory"]).utf8).write(to: directory.appendingPathComponent("keys.json"))
            let lines = (scenario["changes"]?.arrayValue ?? []).compactMap(\.stringValue).reversed()
            let result = await runTool(["protocol", "merge", "--directory", "keys.json", "--record", record],
                                       stdin: Data(lines.joined(separator: "\n").utf8), directory: directory)
            #expect(result.code == .success, "\(name): \(result.err)")
            #expect(result.out == (scenario["state"]?.stringValue ?? "") + "\n", "\(name)")
        }
    }
}
