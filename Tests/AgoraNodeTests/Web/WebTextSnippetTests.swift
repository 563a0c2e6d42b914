import Foundation
import Testing
@testable import AgoraNode

/// The results page's passages: the same as marking every word of the text, folded by
/// Foundation, and cutting the passage around the first match.
@Suite struct WebTextSnippetTests {
    /// The passage as it was computed before words were folded lazily (the reference).
    static func reference(_ text: String, terms: [String]) -> String? {
        let fold = { (text: String) in text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        let words = text.filter { $0 != "\u{2}" && $0 != "\u{3}" }.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return nil }
        let folded = terms.map(fold).filter { !$0.isEmpty }
        let matches = folded.isEmpty ? [] : words.indices.filter { index in
            let word = fold(String(words[index].drop { !$0.isLetter && !$0.isNumber }))
            return folded.contains { word.hasPrefix($0) }
        }
        if !folded.isEmpty && matches.isEmpty { return nil }
        let start = matches.first.map { max(0, $0 - WebText.snippetWords / 4) } ?? 0
        let end = min(words.count, start + WebText.snippetWords)
        var parts: [String] = start > 0 ? ["…"] : []
        for index in start..<end { parts.append(Set(matches).contains(index) ? "\u{2}\(words[index])\u{3}" : String(words[index])) }
        if end < words.count { parts.append("…") }
        return parts.joined(separator: " ")
    }

    @Test(arguments: [
        ["Open", "DATA", "dhënat", "Dhena", "Цифровите", "цифрови", "(data)", "data,", "Ünïcode", "x", "ÉCOLE", "école",
         "rights", "\u{2}mark\u{3}", "naïve", "NAIVE", "the", "\t", "données"],
        ["Open", "DATA", "(data)", "data,", "x", "rights", "the", "\t", "\r\n", "\u{0B}", "\u{1C}", "a\u{2}b", "NAIVE", "  "],
    ])
    func passagesEqualTheReferenceOnRandomTexts(vocabulary: [String]) {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...80, using: &random)).map { _ in vocabulary.randomElement(using: &random) ?? "" }
                .joined(separator: " ")
            let terms = (0..<Int.random(in: 0...2, using: &random)).map { _ in
                ["da", "dhen", "цифров", "ecole", "naive", "RIGHTS", "zzz", "unicode", ""].randomElement(using: &random) ?? ""
            }
            #expect(WebText.snippet(text, terms: terms) == Self.reference(text, terms: terms), "\(text) / \(terms)")
        }
    }

    @Test func asciiFoldingIsLowercasingAndOtherTextIsFoldedByFoundation() {
        #expect(WebText.fold("Open DATA 42") == "open data 42")
        #expect(WebText.fold("Dhënat") == "dhenat")
        #expect(WebText.fold("ЦИФРОВИ") == "цифрови")
    }
}
