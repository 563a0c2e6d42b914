import Foundation
import Testing
@testable import AgoraCLI

/// `agora adopt` (issue 16 item 7): the note is in the city's language unless --lang says
/// otherwise, a second adopt adds a language and keeps the rest, and a city does not adopt its
/// own record.
@Suite struct AdoptCommandTests {
    static let record = "tirana/practice/open-data-portal"

    static func sofia(language: String? = "bg", label: String = #function) async throws -> NodeFixture {
        let directory = try makeTemporaryDirectory(label)
        let node = NodeFixture(directory: directory, city: "sofia")
        let init_ = await node.run(["init", "--city", "sofia", "--name", "Sofia", "--country", "BG"] + (language.map { ["--language", $0] } ?? []))
        guard init_.code == .success else { throw FixtureError(message: "init failed: \(init_.err)") }
        return node
    }

    @Test func theNoteIsInTheCitysLanguageByDefault() async throws {
        let node = try await AdoptCommandTests.sofia()
        let adopted = await node.run(["adopt", AdoptCommandTests.record, "--note", "София разглежда портала", "--year", "2023"])
        #expect(adopted.code == .success, "\(adopted.err)")
        let shown = await node.run(["show", AdoptCommandTests.record])
        #expect(shown.out.contains("adoption by sofia (2023): [bg] София разглежда портала"), "\(shown.out)")
    }

    @Test func aSecondAdoptAddsALanguageAndKeepsTheOtherMembers() async throws {
        let node = try await AdoptCommandTests.sofia()
        _ = await node.run(["adopt", AdoptCommandTests.record, "--note", "София разглежда портала", "--year", "2023",
                            "--as", "sofia/practice/open-data"])
        let again = await node.run(["adopt", AdoptCommandTests.record, "--note", "Sofia is studying the portal", "--lang", "en"])
        #expect(again.code == .success, "\(again.err)")
        let state = await node.run(["show", AdoptCommandTests.record, "--json"])
        #expect(state.out.contains(#""note":{"bg":"София разглежда портала","en":"Sofia is studying the portal"}"#), "\(state.out)")
        #expect(state.out.contains(#""year":2023"#))
        #expect(state.out.contains(#""adaptedAs":"sofia/practice/open-data""#))
        let yearOnly = await node.run(["adopt", AdoptCommandTests.record, "--year", "2024"])
        #expect(yearOnly.code == .success, "\(yearOnly.err)")
        #expect(await node.run(["show", AdoptCommandTests.record]).out.contains("adoption by sofia (2024): [bg] София разглежда портала [en] Sofia"))
    }

    @Test func withoutACityLanguageTheNoteIsEnglishWithAWarning() async throws {
        let node = try await AdoptCommandTests.sofia(language: nil)
        let adopted = await node.run(["adopt", AdoptCommandTests.record, "--note", "Sofia adapted it"])
        #expect(adopted.code == .success, "\(adopted.err)")
        #expect(adopted.err.contains("node.json names no city.language"))
        #expect(await node.run(["show", AdoptCommandTests.record]).out.contains("[en] Sofia adapted it"))
    }

    @Test func aCityDoesNotAdoptItsOwnRecord() async throws {
        let node = try await NodeFixture.make()
        try node.write("p.json", NodeFixture.practice())
        _ = await node.run(["publish", "p.json"])
        let adopted = await node.run(["adopt", AdoptCommandTests.record, "--note", "Tirana keeps it running"])
        #expect(adopted.code == .failure)
        #expect(adopted.err.contains("a city does not adopt its own record"), "\(adopted.err)")
    }

    @Test func anAdaptedAsOfAnotherCityIsRefusedBeforeSigning() async throws {
        let node = try await AdoptCommandTests.sofia()
        let adopted = await node.run(["adopt", AdoptCommandTests.record, "--note", "x", "--as", "tirana/practice/y"])
        #expect(adopted.code == .failure)
        #expect(adopted.err.contains("adaptedAs: expected the adopting city's own record id: a record of `sofia`"), "\(adopted.err)")
    }

    @Test func initFromASeedFolderTakesTheCitysLanguage() async throws {
        let directory = try makeTemporaryDirectory()
        let node = NodeFixture(directory: directory, city: "sofia")
        let made = await node.run(["init", "--from", NodeFixture.seedFolder("sofia").path])
        #expect(made.code == .success, "\(made.err)")
        let config = try String(contentsOf: directory.appendingPathComponent("node/node.json"), encoding: .utf8)
        #expect(config.contains(#""language": "bg""#) || config.contains(#""language":"bg""#), "\(config)")
    }
}
