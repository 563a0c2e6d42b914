import Foundation

/// The interface text of one language, read from the message files a translator edits
/// (`Sources/AgoraNode/Web/Resources/messages/<language>.txt`, embedded at build time by
/// `scripts/gen-web-resources`), with dates and numbers in that language's conventions.
///
/// A message file is UTF-8 lines `key = text`; `#` starts a comment line. `{name}` in a text
/// is replaced by an argument. A key missing in a language falls back to English, then to the
/// key itself, so a half-done translation still works. See `docs/WEB.md`, "Translating".
struct Messages: Sendable {
    /// The interface language.
    let language: String
    let table: [String: String]
    let fallback: [String: String]
    let locale: Locale

    /// The messages of `language` (one of ``WebLanguage/interface``; another gives English).
    init(_ language: String) {
        let known = Self.tables[language] != nil ? language : WebLanguage.fallback
        self.language = known
        table = Self.tables[known] ?? [:]
        fallback = Self.tables[WebLanguage.fallback] ?? [:]
        locale = Locale(identifier: known)
    }

    /// The text of `key` with `{name}` placeholders replaced.
    func callAsFunction(_ key: String, _ arguments: KeyValuePairs<String, String> = [:]) -> String {
        var text = table[key] ?? fallback[key] ?? key
        for (name, value) in arguments {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// `key.one` or `key.other` by `count`, with `{count}` as the formatted number.
    func count(_ key: String, _ count: Int) -> String {
        self(count == 1 ? key + ".one" : key + ".other", ["count": number(count)])
    }

    /// A whole number with the language's digit grouping (`12,345`, `12 345`, `12.345`).
    func number(_ value: Int) -> String {
        value.formatted(.number.locale(locale))
    }

    /// A date and time in the language's long form, in UTC.
    func date(milliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        var style = Date.FormatStyle(date: .long, time: .shortened, locale: locale, timeZone: TimeZone(identifier: "UTC") ?? .gmt)
        style.calendar = Calendar(identifier: .gregorian)
        return date.formatted(style) + " UTC"
    }

    /// A language's name in the interface language (`sq` → "Albanian" in English), else the tag.
    func languageName(_ tag: String) -> String {
        locale.localizedString(forIdentifier: tag) ?? tag
    }

    /// A country's name in the interface language (`AL` → "Albania"), else the code.
    func countryName(_ code: String) -> String {
        locale.localizedString(forRegionCode: code) ?? code
    }

    /// Every language's table, parsed once from the embedded files.
    static let tables: [String: [String: String]] = WebResources.messages.mapValues(parse)

    /// The `key = text` pairs of a message file.
    static func parse(_ file: String) -> [String: String] {
        var table: [String: String] = [:]
        for line in file.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            table[key] = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return table
    }
}
