import AgoraCore
import Foundation
import Testing
@testable import AgoraCLI

/// Small things a new user hit (issue 16.10): errors in the words of the options typed, a
/// suggestion for a mistyped field, language tags a reader can parse, a byte-order mark.
@Suite struct CLIFrictionTests {
    @Test func anAdoptionErrorNamesTheOptionNotTheChangePath() async throws {
        let fixture = try await NodeFixture.make()
        let result = await fixture.run(["adopt", "sofia/practice/x", "--note", "Seen", "--url", "ftp://x"])
        #expect(result.code == .failure)
        #expect(result.err.contains("sofia/practice/x: --url: expected an absolute http:// or https:// URL"), "\(result.err)")
        #expect(!result.err.contains("ops[0]"))
    }

    @Test func aMistypedFieldGetsTheNearestFieldNotTheWholeList() async throws {
        let fixture = try await NodeFixture.make()
        try fixture.write("portal.json", NodeFixture.practice())
        #expect(await fixture.run(["publish", "portal.json"]).code == .success)
        let typo = await fixture.run(["edit", "tirana/practice/open-data-portal", "--set", "stag=scaling"])
        #expect(typo.code == .usage)
        #expect(typo.err.contains("unknown field 'stag'; did you mean 'stage'?"), "\(typo.err)")
        #expect(!typo.err.contains("fields:"))
        let unknown = await fixture.run(["edit", "tirana/practice/open-data-portal", "--unset", "qqqqqqqq"])
        #expect(unknown.err.contains("fields: country, originalLanguage, title"))
    }

    @Test func editRefusesALanguageTagNoReaderCouldParse() async throws {
        let fixture = try await NodeFixture.make()
        try fixture.write("portal.json", NodeFixture.practice())
        #expect(await fixture.run(["publish", "portal.json"]).code == .success)
        for tag in ["zz-invalid-tag-long", "EN", "en-US-a", "en--us"] {
            let result = await fixture.run(["edit", "tirana/practice/open-data-portal", "--set", "title=Portal", "--lang", tag])
            #expect(result.code == .usage, "\(tag): \(result.err)")
            #expect(result.err.contains("--lang '\(tag)' is not a"))
        }
        let shown = await fixture.run(["show", "tirana/practice/open-data-portal", "--json"])
        #expect(!shown.out.contains("zz-invalid"))
    }

    @Test(arguments: ["en", "sr-Latn", "pt-BR", "zh-yue-HK", "de-CH-1901", "en-x-private", "sl-rozaj-biske"])
    func wellFormedTagsPass(_ tag: String) {
        #expect(LanguageTag.problem(in: tag) == nil)
    }

    @Test func aRecordFileMayStartWithAByteOrderMark() async throws {
        let fixture = try await NodeFixture.make()
        try Data([0xEF, 0xBB, 0xBF] + Array(NodeFixture.practice().utf8)).write(to: fixture.directory.appendingPathComponent("bom.json"))
        let result = await fixture.run(["publish", "bom.json"])
        #expect(result.code == .success, "\(result.err)")
        #expect(result.out.hasPrefix("published tirana/practice/open-data-portal"))
    }

    /// A Sofia node: its records have Bulgarian and English titles.
    func sofia() async throws -> NodeFixture? {
        let seed = NodeFixture.seedFolder("sofia")
        guard FileManager.default.fileExists(atPath: seed.appendingPathComponent("city.json").path) else { return nil }
        let fixture = NodeFixture(directory: try makeTemporaryDirectory(), city: "sofia")
        let made = await runTool(["init", "--from", seed.path, "--dir", "node"], directory: fixture.directory)
        #expect(made.code == .success, "\(made.err)")
        return fixture
    }

    @Test func searchShowsOneLanguageMarkedAndCountsInWords() async throws {
        guard let fixture = try await sofia() else { return }
        let bulgarian = await fixture.run(["search", "цифрови", "--limit", "1"])
        let rows = bulgarian.out.split(separator: "\n").map(String.init)
        #expect(rows[0].contains("LANG") && rows[2].contains("  bg  "), "\(bulgarian.out)")
        #expect(!rows[2].contains("Sofia") && !rows[3].contains("Sofia"), "one language per title and snippet: \(rows)")
        #expect(bulgarian.out.contains("\nrecord 1 of 2 · "))
        let english = await fixture.run(["search", "цифрови", "--lang", "en"])
        #expect(english.out.contains(" en    Sofia's participation"), "\(english.out)")
        #expect(english.out.contains("\n2 records · "))
        let json = try CanonicalJSON.decode(Array(await fixture.run(["search", "цифрови", "--json"]).outData))
        let hits = json["hits"]?.arrayValue ?? []
        #expect(hits.map { $0["rank"]?.numberValue } == [1, 2])
        #expect(hits.allSatisfy { ($0["relevance"]?.numberValue ?? -1) > 0 && $0["score"] == nil })
        #expect((hits[0]["relevance"]?.numberValue ?? 0) >= (hits[1]["relevance"]?.numberValue ?? 0))
    }

    @Test func historyStampsAreTimesNotDecimals() async throws {
        let fixture = try await NodeFixture.make()
        try fixture.write("portal.json", NodeFixture.practice())
        #expect(await fixture.run(["publish", "portal.json"]).code == .success)
        let shown = await fixture.run(["show", "tirana/practice/open-data-portal", "--history"])
        let stamp = try #require(shown.out.split(separator: "\n").first { $0.contains("stamped") })
        #expect(stamp.range(of: #"stamped \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(HLC \d+, counter 0\)"#, options: .regularExpression) != nil,
                "\(stamp)")
    }

    @Test func initSetsThePublicURLAndWarnsWhenOnlyThisMachineCanReachIt() async throws {
        let directory = try makeTemporaryDirectory()
        let base = ["init", "--city", "tirana", "--name", "Tirana"]
        let given = await runTool(base + ["--public-url", "https://agora.tirana.al/", "--dir", "a"], directory: directory)
        #expect(given.code == .success && given.err.isEmpty, "\(given.err)")
        #expect(given.out.contains("public URL: https://agora.tirana.al\n"))
        let config = try String(contentsOf: directory.appendingPathComponent("a/node.json"), encoding: .utf8)
        #expect(config.contains(#""publicURL": "https://agora.tirana.al""#), "\(config)")
        let derived = await runTool(base + ["--san", "127.0.0.1", "--san", "agora.tirana.al", "--dir", "b"], directory: directory)
        #expect(derived.out.contains("public URL: https://agora.tirana.al:8443\n") && derived.err.isEmpty, "\(derived.out)")
        let local = await runTool(base + ["--dir", "c"], directory: directory)
        #expect(local.out.contains("public URL: https://localhost:8443\n"))
        #expect(local.err.contains("warning: the public URL is https://localhost:8443, which only this machine can reach"))
        let dcat = await runTool(["export", "--format", "dcat", "--dir", "a"], directory: directory)
        #expect(dcat.out.contains("https://agora.tirana.al/catalog") && !dcat.err.contains("warning"))
        let localDCAT = await runTool(["export", "--format", "dcat", "--dir", "c"], directory: directory)
        #expect(localDCAT.err.contains("--public-url"))
        let bad = await runTool(base + ["--public-url", "ftp://x", "--dir", "d"], directory: directory)
        #expect(bad.code == .usage && bad.err.contains("--public-url"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("d").path))
    }
}
