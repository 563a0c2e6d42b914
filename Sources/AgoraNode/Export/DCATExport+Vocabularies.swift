import AgoraCore

/// The controlled vocabularies DCAT-AP asks for: EU language and licence authorities, XSD dates.
extension DCATExport {
    /// BCP-47 primary tags -> the EU Publications Office language authority codes (ISO 639-3).
    public static let languageCodes: [String: String] = [
        "en": "ENG", "sq": "SQI", "bg": "BUL", "ro": "RON", "nl": "NLD", "ca": "CAT", "es": "SPA", "fr": "FRA",
        "de": "DEU", "it": "ITA", "pt": "POR", "el": "ELL", "pl": "POL", "hr": "HRV", "sr": "SRP", "mk": "MKD",
        "sl": "SLV", "sk": "SLK", "cs": "CES", "hu": "HUN", "fi": "FIN", "sv": "SWE", "da": "DAN", "et": "EST",
        "lv": "LAV", "lt": "LIT", "ga": "GLE", "mt": "MLT", "eu": "EUS", "gl": "GLG", "uk": "UKR", "tr": "TUR",
    ]

    /// SPDX licence ids -> the EU licence authority (others link to spdx.org).
    public static let licenceCodes: [String: String] = [
        "CC-BY-4.0": "CC_BY_4_0", "CC-BY-SA-4.0": "CC_BYSA_4_0", "CC0-1.0": "CC0", "CC-BY-NC-4.0": "CC_BYNC_4_0",
    ]

    /// Multilingual text as JSON-LD language-tagged literals, in tag order.
    public static func literals(_ text: [String: String]) -> JSONValue {
        .array(text.keys.sorted().map { .object(["@value": .string(text[$0] ?? ""), "@language": .string($0)]) })
    }

    /// The EU authority URI of a BCP-47 tag's language, if known.
    public static func languageURI(_ tag: String) -> String? {
        let primary = String(tag.lowercased().prefix { $0 != "-" })
        return languageCodes[primary].map { "http://publications.europa.eu/resource/authority/language/" + $0 }
    }

    /// The licence URI for an SPDX id.
    public static func licenceURI(_ spdx: String) -> String {
        if let code = licenceCodes[spdx] { return "http://publications.europa.eu/resource/authority/licence/" + code }
        return "https://spdx.org/licenses/" + spdx
    }

    /// A date of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as a typed literal.
    public static func date(_ text: String) -> JSONValue {
        let type = text.count == 4 ? "xsd:gYear" : text.count == 7 ? "xsd:gYearMonth" : "xsd:date"
        return .object(["@value": .string(text), "@type": .string(type)])
    }

    static func temporal(_ record: RecordView) -> JSONValue? {
        var period: [String: JSONValue] = ["@type": .string("dct:PeriodOfTime")]
        if let start = record.string("startDate") { period["dcat:startDate"] = date(start) }
        if let end = record.string("endDate") { period["dcat:endDate"] = date(end) }
        return period.count > 1 ? .object(period) : nil
    }

    static func source(_ source: [String: JSONValue]) -> JSONValue {
        var node: [String: JSONValue] = ["@type": .string("foaf:Document")]
        if let url = source["url"]?.stringValue { node["@id"] = .string(url) }
        if let title = source["title"]?.stringValue { node["dct:title"] = .string(title) }
        if let publisher = source["publisher"]?.stringValue { node["dct:publisher"] = .object(["foaf:name": .string(publisher)]) }
        if let date = source["date"]?.stringValue { node["dct:issued"] = Self.date(date) }
        return .object(node)
    }
}
