import Foundation

/// Text helpers of the web catalog: bidi controls, snippets in the reader's language.
enum WebText {
    /// The Unicode bidi embedding, override and isolate controls, and the implicit marks.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Words of a passage around the first match, at most this many.
    static let snippetWords = 32

    /// A passage of `text` around the first word that starts with one of `terms` (compared
    /// without case and diacritics, as the search index does), with every such word marked
    /// between STX and ETX, the marks ``HTMLText/markedSnippet(_:)`` reads. Nil when no word
    /// matches. Without terms: the start of the text.
    static func snippet(_ text: String, terms: [String]) -> String? {
        let words = words(of: text)
        guard !words.isEmpty else { return nil }
        let folded = terms.map(fold).filter { !$0.isEmpty }
        if folded.isEmpty { return passage(words, from: 0, marking: []) }
        // Words are folded only up to the end of the passage: folding is most of a results page's work.
        func matches(_ index: Int) -> Bool {
            let word = fold(String(words[index].drop { !$0.isLetter && !$0.isNumber }))
            return folded.contains { word.hasPrefix($0) }
        }
        guard let first = words.indices.first(where: matches) else { return nil }
        let start = max(0, first - snippetWords / 4)
        let end = min(words.count, start + snippetWords)
        return passage(words, from: start, marking: Set([first] + (first + 1..<end).filter(matches)))
    }

    /// The words of `text` without the STX and ETX marks, split at whitespace.
    static func words(of text: String) -> [Substring] {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 && $0 != 0x02 && $0 != 0x03 }) {
            // ASCII without marks (most summaries): the same words, without grapheme breaking.
            return utf8.split { $0 == 0x20 || (0x09...0x0D).contains($0) }.map { text[$0.startIndex..<$0.endIndex] }
        }
        return text.filter { $0 != "\u{2}" && $0 != "\u{3}" }.split(whereSeparator: \.isWhitespace)
    }

    private static func passage(_ words: [Substring], from start: Int, marking: Set<Int>) -> String {
        let end = min(words.count, start + snippetWords)
        var parts: [String] = start > 0 ? ["…"] : []
        for index in start..<end {
            parts.append(marking.contains(index) ? "\u{2}\(words[index])\u{3}" : String(words[index]))
        }
        if end < words.count { parts.append("…") }
        return parts.joined(separator: " ")
    }

    /// Lowercased, without diacritics (`Dhënat` → `dhenat`, `Цифрови` → `цифрови`).
    static func fold(_ text: String) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {  // ASCII: folding is lowercasing, without Foundation's bridging
            return String(decoding: utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
