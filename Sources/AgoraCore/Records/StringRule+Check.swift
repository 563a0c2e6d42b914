extension RecordField {
    /// Whether `text` satisfies `rule`. See `protocol/RECORDS.md`, "Fields".
    static func check(_ text: String, _ rule: StringRule) -> Bool {
        switch rule {
        case .free: return true
        case .country: return text.utf8.count == 2 && text.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
        case .language: return isLanguageTag(text)
        case .stage: return stages.contains(text)
        case .date: return isDate(Array(text.utf8))
        case .themeID: return Taxonomy.theme(text) != nil
        case .url: return isURL(text)
        case .cityID: return RecordID.isCityID(text)
        case .recordID: return RecordID(text) != nil
        case .licence: return (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { isAlnum($0) || "-.+".utf8.contains($0) }
        case .mailbox: return isMailbox(Array(text.utf8))
        }
    }

    static func describe(_ rule: StringRule) -> String {
        switch rule {
        case .free: return "a non-empty string"
        case .country: return "an ISO 3166-1 alpha-2 country code such as \"AL\""
        case .language: return "a BCP-47 language tag such as \"sq\" or \"pt-BR\""
        case .stage: return "one of " + stages.joined(separator: ", ")
        case .date: return "a date YYYY, YYYY-MM or YYYY-MM-DD"
        case .themeID: return "a level-2 theme id from protocol/taxonomy.json, such as \"transparency/open-data\""
        case .url: return "an absolute http:// or https:// URL without spaces"
        case .cityID: return "a city id: [a-z][a-z0-9-]{1,39}"
        case .recordID: return "a record id <city>/<kind>/<slug>"
        case .licence: return "an SPDX licence id such as \"CC-BY-4.0\""
        case .mailbox: return "a role mailbox such as \"opendata@tirana.al\""
        }
    }

    static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    /// `[a-z]{2,3}(-[A-Za-z0-9]{1,8})*`, at most 35 bytes.
    public static func isLanguageTag(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            guard b.count <= 35 else { return false }
            var i = 0
            while i < b.count, b[i] >= 97, b[i] <= 122 { i += 1 }
            guard (2...3).contains(i) else { return false }
            while i < b.count {
                guard b[i] == UInt8(ascii: "-") else { return false }
                let start = i + 1
                i = start
                while i < b.count, isAlnum(b[i]) { i += 1 }
                guard (1...8).contains(i - start) else { return false }
            }
            return true
        }
    }

    static func isDate(_ b: [UInt8]) -> Bool {
        guard [4, 7, 10].contains(b.count) else { return false }
        func number(_ r: Range<Int>) -> Int? {
            guard b[r].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return b[r].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard number(0..<4) != nil else { return false }
        if b.count >= 7 { guard b[4] == 45, let m = number(5..<7), (1...12).contains(m) else { return false } }
        if b.count == 10 { guard b[7] == 45, let d = number(8..<10), (1...31).contains(d) else { return false } }
        return true
    }

    static func isURL(_ text: String) -> Bool {
        guard text.utf8.count <= 2048, text.hasPrefix("https://") || text.hasPrefix("http://") else { return false }
        let rest = text.drop(while: { $0 != ":" }).dropFirst(3)
        return !rest.isEmpty && !rest.hasPrefix("/") && !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F }
    }

    static func isMailbox(_ b: [UInt8]) -> Bool {
        guard b.count <= 254, let at = b.firstIndex(of: 64), at > 0, b.lastIndex(of: 64) == at else { return false }
        let domain = b[(at + 1)...]
        guard domain.contains(46), domain.first != 46, domain.last != 46 else { return false }
        return b.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}
