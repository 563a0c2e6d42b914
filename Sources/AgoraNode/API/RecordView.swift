public import AgoraCore

/// Reads the parts of a record's state the API shows, whatever nesting the merge gives it
/// (fields at the top, or under `fields`).
public struct RecordView: Sendable {
    /// The parsed state.
    public let state: JSONValue

    /// A view of canonical state text; an unparsable state reads as an empty object.
    public init(canonicalState: String) {
        state = (try? CanonicalJSON.decode(Array(canonicalState.utf8))) ?? .object([:])
    }

    /// The record's fields.
    public var fields: [String: JSONValue] { state["fields"]?.objectValue ?? state.objectValue ?? [:] }

    /// The original language, if the record names it.
    public var originalLanguage: String? { fields["originalLanguage"]?.stringValue }

    /// Whether the record is deleted.
    public var isDeleted: Bool { state["deleted"]?.boolValue ?? fields["deleted"]?.boolValue ?? false }

    /// The title in `language` if the record has it, else in its original language, else the first
    /// language in tag order; with the language it is in.
    public func title(in language: String?) -> (text: String, language: String)? {
        guard let titles = fields["title"]?.objectValue, !titles.isEmpty else { return nil }
        var candidates: [String] = []
        if let language {
            candidates.append(language)
            candidates.append(ParameterSyntax.primaryLanguage(language))
        }
        if let originalLanguage { candidates.append(originalLanguage) }
        candidates += titles.keys.sorted()
        for tag in candidates {
            if let text = titles[tag]?.stringValue { return (text, tag) }
        }
        return nil
    }
}

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
