import Foundation
import Testing
@testable import AgoraCLI

@Suite struct SeedAndSearchTests {
    @Test func initFromTheDemoFolderLoadsTheCatalogAndSearchFindsItInAlbanian() async throws {
        let directory = try makeTemporaryDirectory()
        let seed = NodeFixture.seedFolder("tirana")
        guard FileManager.default.fileExists(atPath: seed.appendingPathComponent("city.json").path) else { return }
        let result = await runTool(["init", "--from", seed.path, "--dir", "tirana"], directory: directory)
        #expect(result.code == .success, "\(result.err)")
        #expect(result.out.contains("published tirana/practice/open-data-portal"))
        #expect(result.out.contains("TLS pin: sha256//"))
        #expect(result.out.contains("signing key: "))
        let search = await runTool(["search", "të dhëna", "--dir", "tirana"], directory: directory)
        #expect(search.code == .success, "\(search.err)")
        #expect(search.out.contains("tirana/practice/open-data-portal"))
        #expect(search.out.contains("«"))
        #expect(search.out.contains("\n    "))
        let folded = await runTool(["search", "dhenat", "--dir", "tirana", "--json"], directory: directory)
        #expect(folded.out.contains(#""id":"tirana/practice/open-data-portal""#))
        let filtered = await runTool(["search", "--kind", "toolkit", "--city", "tirana", "--dir", "tirana"], directory: directory)
        #expect(!filtered.out.contains("tirana/practice/open-data-portal"))
        let badLimit = await runTool(["search", "x", "--limit", "1000", "--dir", "tirana"], directory: directory)
        #expect(badLimit.code == .usage)
    }
}

@Suite struct ImportExportTests {
    /// A node with two published records, and its JSON Lines export.
    func makeExported() async throws -> (NodeFixture, String) {
        let node = try await NodeFixture.make()
        try node.write("a.json", NodeFixture.practice())
        try node.write("b.json", NodeFixture.practice(slug: "second", titleEN: "Second"))
        let published = await node.run(["publish", "a.json", "b.json"])
        #expect(published.code == .success, "\(published.err)")
        let exported = await node.run(["export", "--format", "jsonl"])
        #expect(exported.code == .success, "\(exported.err)")
        return (node, exported.out)
    }

    @Test func exportImportRoundTripIsIdempotent() async throws {
        let (node, jsonl) = try await makeExported()
        #expect(jsonl.split(separator: "\n").count == 2)
        let again = await node.run(["import", "-"], stdin: jsonl)
        #expect(again.code == .success, "\(again.err)")
        #expect(again.out == "<stdin>: 2 lines: 0 accepted, 2 duplicate, 0 refused\n")
        #expect(again.err == "import: 2\n")
        let rebuilt = await node.run(["rebuild"])
        #expect(rebuilt.out == "rebuilt 2 records from 2 changes\n")
    }

    @Test func importKeepsGoingPastForgedLinesAndExitsPartial() async throws {
        let (source, jsonl) = try await makeExported()
        let target = try await NodeFixture.make(label: "importTarget")
        let keys = try Data(contentsOf: source.directory.appendingPathComponent("node/keys/directory.json"))
        try keys.write(to: target.directory.appendingPathComponent("node/keys/directory.json"))
        let lines = jsonl.split(separator: "\n").map(String.init)
        let forged = lines[0].replacingOccurrences(of: "Open data portal", with: "Forged portal")
        let input = [forged, lines[1], "not json", lines[0]].joined(separator: "\n") + "\n"
        let result = await target.run(["import", "-"], stdin: input)
        #expect(result.code == .partial)
        #expect(result.out == "<stdin>: 4 lines: 2 accepted, 0 duplicate, 2 refused\n")
        #expect(result.err.contains("line 1: refused: body-hash-mismatch"), "\(result.err)")
        #expect(result.err.contains("line 3: refused: malformed"))
        let unknownKey = try await NodeFixture.make(label: "importStranger")
        let stranger = await unknownKey.run(["import", "-", "--json"], stdin: jsonl)
        #expect(stranger.code == .partial)
        #expect(stranger.out.contains(#""code":"unknown-key""#))
    }

    @Test func csvAndDCATExportsToAFile() async throws {
        let (node, _) = try await makeExported()
        let csv = await node.run(["export", "-f", "csv", "-o", "records.csv"])
        #expect(csv.code == .success, "\(csv.err)")
        #expect(csv.err.contains("exported 2 records to records.csv"))
        let text = try String(contentsOf: node.directory.appendingPathComponent("records.csv"), encoding: .utf8)
        #expect(text.split(separator: "\r\n").count == 3)
        let dcat = await node.run(["export", "--format=dcat"])
        #expect(dcat.out.contains("dcat:Catalog"))
        let bad = await node.run(["export", "--format", "xml"])
        #expect(bad.code == .usage)
    }

    @Test func aSecondWriterIsToldWhoHoldsTheLock() async throws {
        let node = try await NodeFixture.make()
        let context = CommandContext(path: ["agora"], arguments: ParsedArguments(), io: CommandIO(
            readStandardInput: { Data() }, standardOutput: CapturedOutput(), standardError: CapturedOutput(),
            environment: ["AGORA_DIR": node.directory.appendingPathComponent("node").path], currentDirectory: node.directory))
        try await context.withNode(writable: true) { _ in
            try node.write("p.json", NodeFixture.practice())
            let second = await node.run(["publish", "p.json"])
            #expect(second.code == .environment)
            #expect(second.err.contains(String(getpid())), "\(second.err)")
        }
    }
}

@Suite struct KeyDirectoryCommandTests {
    @Test func trustingAPeerKeyLetsItsChangesIn() async throws {
        let source = try await NodeFixture.make(label: "trustSource")
        try source.write("p.json", NodeFixture.practice())
        _ = await source.run(["publish", "p.json"])
        let jsonl = await source.run(["export"]).out
        let key = try #require(await source.run(["keys", "list", "--json"]).out.split(separator: "\"").drop { $0 != "key" }.dropFirst(2).first)
        let target = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "trustTarget")
        #expect(await target.run(["import", "-"], stdin: jsonl).code == .partial)
        let trusted = await target.run(["keys", "trust", "--city", "tirana", String(key)])
        #expect(trusted.code == .success, "\(trusted.err)")
        let again = await target.run(["keys", "trust", "--city", "tirana", String(key)])
        #expect(again.code == .failure)
        let listed = await target.run(["keys", "list"])
        #expect(listed.out.contains("tirana  \(key)  active"))
        let imported = await target.run(["import", "-"], stdin: jsonl)
        #expect(imported.code == .success, "\(imported.err)")
        #expect(await target.run(["show", "tirana/practice/open-data-portal"]).out.contains("every signature verified"))
    }
}
