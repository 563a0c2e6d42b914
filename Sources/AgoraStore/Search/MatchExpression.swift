/// Turns what a person typed into a safe FTS5 MATCH expression.
///
/// The text is split into words the way `unicode61` splits them (letters and digits; every
/// other character separates), each word is quoted and, from ``minimumPrefixLength`` characters
/// on, given a prefix star, and the words are ANDed: `tirane  "open"data of` becomes
/// `"tirane"* "open"* "data"* "of"`. No FTS5 operator, column filter or quote the user types can
/// reach the query syntax. See `protocol/STORAGE.md`, "Queries".
public enum MatchExpression {
    /// The most words a query uses; further words are ignored.
    public static let maximumTerms = 16
    /// The most characters of one word that are kept.
    public static let maximumTermLength = 64
    /// The shortest word that matches as a prefix. A shorter one matches whole words only: `a*`
    /// would expand to every indexed word that starts with `a` (tens of thousands on a large
    /// catalog), which is slow and selects nothing.
    public static let minimumPrefixLength = 3

    /// The words of `text`, at most ``maximumTerms`` of them.
    public static func terms(of text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber {
                if current.count < maximumTermLength { current.append(character) }
            } else if !current.isEmpty {
                terms.append(current)
                current = ""
            }
        }
        if !current.isEmpty { terms.append(current) }
        return Array(terms.prefix(maximumTerms))
    }

    /// The MATCH expression for `text`, or nil when it has no words (then every record matches).
    public static func make(_ text: String) -> String? {
        expression(text, prefixes: true)
    }

    /// The MATCH expression that matches every word of `text` as a whole word only (no prefix
    /// star): the first tier of a search's candidates (`protocol/STORAGE.md`, "Queries"). Nil
    /// when `text` has no words.
    public static func wholeWords(_ text: String) -> String? {
        expression(text, prefixes: false)
    }

    private static func expression(_ text: String, prefixes: Bool) -> String? {
        let terms = terms(of: text)
        guard !terms.isEmpty else { return nil }
        return terms.map { term in
            let quoted = "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return prefixes && term.count >= minimumPrefixLength ? quoted + "*" : quoted
        }.joined(separator: " ")
    }
}
