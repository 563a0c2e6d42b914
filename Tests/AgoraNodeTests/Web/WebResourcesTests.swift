import Testing
import Foundation
@testable import AgoraNode

/// The message files a translator edits are what the binary embeds, and every language has every key.
@Suite("Web resources")
struct WebResourcesTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/AgoraNode/Web/Resources")

    @Test func theEmbeddedFilesMatchTheResourceFolder() throws {
        let css = try String(contentsOf: Self.resources.appendingPathComponent("agora.css"), encoding: .utf8)
        #expect(WebResources.stylesheet == css, "run scripts/gen-web-resources")
        for language in WebLanguage.interface {
            let file = try String(contentsOf: Self.resources.appendingPathComponent("messages/\(language).txt"), encoding: .utf8)
            #expect(WebResources.messages[language] == file, "\(language).txt changed: run scripts/gen-web-resources")
        }
    }

    @Test(arguments: WebLanguage.interface)
    func everyLanguageHasEveryEnglishKey(language: String) {
        let english = Set(Messages.tables["en"]?.keys ?? [:].keys)
        let translated = Set(Messages.tables[language]?.keys ?? [:].keys)
        #expect(english.count > 100)
        #expect(english.subtracting(translated).isEmpty, "\(language) lacks \(english.subtracting(translated).sorted())")
    }

    @Test func placeholdersAreFilledAndAMissingKeyFallsBackToEnglishThenTheKey() {
        let messages = Messages("sq")
        #expect(messages("search.pageOf", ["page": "2", "pages": "5"]) == "Faqja 2 nga 5")
        #expect(messages.count("count.records", 1) == "1 regjistrim")
        #expect(messages("no.such.key") == "no.such.key")
        #expect(Messages("xx").language == "en")
    }
}
