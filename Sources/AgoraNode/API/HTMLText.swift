/// Text from data made safe for HTML: escaped, control characters replaced, and bidirectional
/// controls isolated so that a right-to-left override (`Free \u{202E}fdp.exe`) cannot reorder
/// anything outside the text it came with. See docs/API.md, "Text from data".
enum HTMLText {
    /// `text` escaped for element content and attribute values. Control characters (C0 but tab,
    /// line feed and carriage return; DEL; C1) become U+FFFD: HTML has no use for them and NUL
    /// or ESC must never reach a page.
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
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (0x7F...0x9F).contains(v) { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
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
