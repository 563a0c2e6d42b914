import AgoraCore

/// The syntax of identifiers in paths and query strings, checked before any lookup.
///
/// City ids and slugs follow AgoraCore's `RecordID` (protocol/RECORDS.md); the same patterns are
/// written in `protocol/openapi.yaml` (components `CityID`, `Slug`, …).
public enum ParameterSyntax {
    /// A city id: 2–40 lowercase ASCII letters, digits and `-`, starting with a letter (`tirana`, `new-york`).
    public static func isCityID(_ text: String) -> Bool { RecordID.isCityID(text) }

    /// A record slug: 1–80 lowercase ASCII letters, digits and `-`, starting with a letter or digit.
    public static func isSlug(_ text: String) -> Bool { RecordID.isSlug(text) }

    /// An ISO 3166-1 alpha-2 code: two uppercase ASCII letters.
    public static func isCountryCode(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// A theme id: a level-1 slug, optionally `/` and a level-2 slug (`transparency/open-data`).
    public static func isThemeID(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { isSlug(String($0)) }
    }

    /// A BCP-47 tag of the simple shape records use: 2–3 letter language, then 2–8 character subtags.
    public static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy(isLetter) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { isLetter($0) || isDigit($0) } }
    }

    /// The primary language subtag, lowercased: `pt` for `pt-BR`.
    public static func primaryLanguage(_ tag: String) -> String {
        String(tag.prefix { $0 != "-" }).lowercased()
    }

    /// A change id: 64 lowercase hex digits.
    public static func isChangeID(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// Whether `kind` is a record kind.
    public static func isKind(_ kind: String) -> Bool { SearchParameters.kinds.contains(kind) }

    static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isLetter(_ b: UInt8) -> Bool { isLower(b) || (b >= 0x41 && b <= 0x5A) }
}
