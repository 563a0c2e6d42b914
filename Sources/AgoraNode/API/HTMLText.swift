/// HTML escaping for snippet text, so a snippet with `<mark>` can be put into a page as is.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A store snippet whose matches sit between STX and ETX, escaped, with `<mark>` around matches.
    static func markedSnippet(_ snippet: String) -> String {
        var out = ""
        var plain = ""
        for character in snippet {
            switch character {
            case "\u{2}": out += escape(plain) + "<mark>"; plain = ""
            case "\u{3}": out += escape(plain) + "</mark>"; plain = ""
            default: plain.append(character)
            }
        }
        return out + escape(plain)
    }
}
