import Foundation
import Testing
@testable import AgoraCLI

@Suite struct InitCommandTests {
    @Test func initCreatesTheLayoutWithPrivateKeys() async throws {
        let node = try await NodeFixture.make()
        let root = node.directory.appendingPathComponent("node")
        for file in ["node.json", "keys/signing.key", "keys/directory.json", "tls/certificate.pem", "tls/key.pem", "agora.db"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), "\(file)")
        }
        for file in ["keys/signing.key", "tls/key.pem"] {
            let mode = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(file).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: node.directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func initRefusesANonEmptyDirectoryAndTouchesNothing() async throws {
        let node = try await NodeFixture.make()
        let config = try Data(contentsOf: node.directory.appendingPathComponent("node/node.json"))
        let again = await node.run(["init", "--city", "sofia", "--name", "Sofia"])
        #expect(again.code == .environment)
        #expect(again.err.contains("is not empty"))
        #expect(try Data(contentsOf: node.directory.appendingPathComponent("node/node.json")) == config)
    }

    @Test func initChecksItsArguments() async throws {
        let directory = try makeTemporaryDirectory()
        let noCity = await runTool(["init", "--name", "X"], directory: directory)
        #expect(noCity.code == .usage)
        let badCity = await runTool(["init", "--city", "Tirana!", "--name", "X"], directory: directory)
        #expect(badCity.code == .usage)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("agora-node").path))
    }

    @Test func commandsOnAMissingNodeSayHowToCreateOne() async throws {
        let directory = try makeTemporaryDirectory()
        let result = await runTool(["search", "x"], directory: directory)
        #expect(result.code == .environment)
        #expect(result.err.contains("run 'agora init'"))
        let viaEnvironment = await runTool(["show", "tirana/practice/x"], environment: ["AGORA_DIR": "/nonexistent/agora"], directory: directory)
        #expect(viaEnvironment.err.contains("/nonexistent/agora"))
    }
}

@Suite struct PublishCommandTests {
    @Test func publishThenRepublishWritesOnlyTheDifference() async throws {
        let node = try await NodeFixture.make()
        try node.write("p.json", NodeFixture.practice())
        let first = await node.run(["publish", "p.json"])
        #expect(first.code == .success, "\(first.err)")
        #expect(first.out.hasPrefix("published tirana/practice/open-data-portal ("))
        let same = await node.run(["publish", "p.json"])
        #expect(same.out == "unchanged tirana/practice/open-data-portal (p.json)\n")
        try node.write("p.json", NodeFixture.practice(titleEN: "Open data portal of Tirana"))
        let changed = await node.run(["publish", "p.json", "--json"])
        #expect(changed.out.contains(#""operations":1"#), "\(changed.out)")
        let shown = await node.run(["show", "tirana/practice/open-data-portal"])
        #expect(shown.out.contains("title [en]: Open data portal of Tirana"))
        #expect(shown.out.contains("every signature verified"))
    }

    @Test func malformedRecordFileNamesFileLineAndPath() async throws {
        let node = try await NodeFixture.make()
        try node.write("bad.json", NodeFixture.practice(extra: "\n  \"stage\": \"finished\","))
        let wrongValue = await node.run(["publish", "bad.json"])
        #expect(wrongValue.code == .failure)
        try node.write("bad.json", NodeFixture.practice().replacingOccurrences(of: #""en": "Open data portal""#, with: #""en": 42"#))
        let wrongType = await node.run(["publish", "bad.json"])
        #expect(wrongType.code == .failure)
        #expect(wrongType.err.hasPrefix("agora: error: bad.json:7: title.en"), "\(wrongType.err)")
        try node.write("broken.json", "{\n  \"id\": \"tirana/practice/x\",\n  \"kind\": practice\n}")
        let broken = await node.run(["publish", "broken.json"])
        #expect(broken.err.hasPrefix("agora: error: broken.json:3: invalid JSON at byte"), "\(broken.err)")
        try node.write("unknown.json", NodeFixture.practice(extra: "\n  \"colour\": \"blue\","))
        let unknown = await node.run(["publish", "unknown.json"])
        #expect(unknown.err.contains("unknown.json:12: colour"), "\(unknown.err)")
    }

    @Test func anotherCitysRecordIsRefusedBeforeSigning() async throws {
        let node = try await NodeFixture.make(city: "sofia", name: "Sofia")
        try node.write("p.json", NodeFixture.practice())
        let result = await node.run(["publish", "p.json"])
        #expect(result.code == .failure)
        #expect(result.err.contains("belongs to tirana; this node signs for sofia"))
    }

    @Test func editDeleteAndAdopt() async throws {
        let node = try await NodeFixture.make()
        try node.write("p.json", NodeFixture.practice())
        _ = await node.run(["publish", "p.json"])
        let id = "tirana/practice/open-data-portal"
        let edited = await node.run(["edit", id, "--set", "stage=scaling", "--set", "title=Portal i ri", "--set", "tags=a,b"])
        #expect(edited.code == .success, "\(edited.err)")
        let unset = await node.run(["edit", id, "--unset", "title", "--lang", "en"])
        #expect(unset.code == .success, "\(unset.err)")
        let invalid = await node.run(["edit", id, "--set", "stage=finished"])
        #expect(invalid.code == .failure)
        #expect(invalid.err.contains("stage"))
        let unknown = await node.run(["edit", id, "--set", "colour=blue"])
        #expect(unknown.err.contains("unknown field 'colour'"))
        let adopted = await node.run(["adopt", "sofia/practice/open-data", "--note", "Tirana keeps it running", "--year", "2023"])
        #expect(adopted.code == .success, "\(adopted.err)")
        #expect(await node.run(["show", "sofia/practice/open-data"]).out.contains("adoption by tirana (2023): [en] Tirana keeps it running"))
        let shown = await node.run(["show", id])
        #expect(shown.out.contains("stage: scaling"))
        #expect(shown.out.contains("title [sq]: Portal i ri"))
        #expect(!shown.out.contains("title [en]"))
        #expect(shown.out.contains("tags: a, b"))
        let deleted = await node.run(["delete", id])
        #expect(deleted.code == .success)
        #expect(await node.run(["show", id]).out.contains("[DELETED]"))
        #expect(await node.run(["search", "portal"]).out.hasPrefix("no records match"))
    }

    @Test func redactErasesTheTextAndKeepsTheHeader() async throws {
        let node = try await NodeFixture.make()
        try node.write("p.json", NodeFixture.practice(extra: "\n  \"contact\": \"private.person@example.org\","))
        let published = await node.run(["publish", "p.json", "--json"])
        let change = try #require(published.out.split(separator: "\"").drop { $0 != "change" }.dropFirst(2).first.map(String.init))
        let redacted = await node.run(["redact", change])
        #expect(redacted.code == .success, "\(redacted.err)")
        let history = await node.run(["show", "tirana/practice/open-data-portal", "--history"])
        #expect(history.out.contains("redacted"))
        let database = try Data(contentsOf: node.directory.appendingPathComponent("node/agora.db"))
        #expect(database.range(of: Data("private.person@example.org".utf8)) == nil)
        let unknown = await node.run(["redact", String(repeating: "0", count: 64)])
        #expect(unknown.code == .failure)
    }
}

@Suite struct NodeEnvironmentTests {
    @Test func aDatabaseThatIsNotOursIsRefusedAndLeftUntouched() async throws {
        let node = try await NodeFixture.make()
        let database = node.directory.appendingPathComponent("node/agora.db")
        try FileManager.default.removeItem(at: database)
        try Data("just some text, not SQLite at all".utf8).write(to: database)
        try node.write("p.json", NodeFixture.practice())
        let result = await node.run(["publish", "p.json"])
        #expect(result.code == .environment)
        #expect(result.err.contains("agora.db"), "\(result.err)")
        #expect(try Data(contentsOf: database) == Data("just some text, not SQLite at all".utf8))
    }

    @Test func aBrokenConfigNamesTheMember() async throws {
        let node = try await NodeFixture.make()
        try node.write("node/node.json", #"{"format": 1, "coalition": "ccdr", "city": {"id": "tirana"}}"#)
        let result = await node.run(["search", "x"])
        #expect(result.code == .environment)
        #expect(result.err == "agora: error: node.json: city.name must be a non-empty string\n")
    }
}
