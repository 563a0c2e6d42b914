/// Text from data made safe for HTML: escaped, control characters replaced, and bidirectional
/// controls isolated so that a right-to-left override (`Free \u{202E}fdp.exe`) cannot reorder
/// anything outside the text it came with. See docs/API.md, "Text from data".
enum HTMLText {
    /// `text` escaped for element content and attribute values. Control characters (C0 but tab,
    /// line feed and carriage return; DEL; C1) and the noncharacters U+FFFE and U+FFFF become
    /// U+FFFD: HTML and XML 1.0 (the Atom feeds) have no use for them, and NUL or ESC must never
    /// reach a page.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(isForbidden(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// Whether `scalar` may not appear in a page or feed: C0 but tab, line feed and carriage
    /// return; DEL; C1; U+FFFE and U+FFFF.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A && value != 0x0D }
        return (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF
    }

    /// `text` escaped inside `<bdi>…</bdi>`: an isolate whose direction comes from its own first
    /// strong character, so bidirectional controls in it end where it ends.
    static func isolated(_ text: String) -> String { "<bdi>" + escape(text) + "</bdi>" }

    /// A store snippet whose matches sit between STX and ETX, escaped, with `<mark>` around
    /// matches, the whole isolated in `<bdi>` (see `isolated`). Empty stays empty.
    static func markedSnippet(_ snippet: String) -> String {
        guard !snippet.isEmpty else { return "" }
        var out = ""
        var plain = ""
        for character in snippet {
            switch character {
            case "\u{2}": out += escape(plain) + "<mark>"; plain = ""
            case "\u{3}": out += escape(plain) + "</mark>"; plain = ""
            default: plain.append(character)
            }
        }
        return "<bdi>" + out + escape(plain) + "</bdi>"
    }
}
