/// A piece of HTML that is safe to put into a page as it is.
///
/// It can only be built from escaped text, from tag and attribute names that are string
/// literals (never data), and from attribute values that are escaped on the way in. Record
/// text goes in through ``data(_:language:)``, which also isolates its direction (`<bdi>`), so
/// an RTL override in a title cannot reorder the page around it. See `docs/WEB.md`, "Safety".
struct HTML: Sendable, Equatable {
    /// The markup.
    fileprivate(set) var markup: String = ""

    /// Empty markup.
    init() {}

    /// Markup that is a literal of the program, such as `"&nbsp;"`.
    init(literal: StaticString) {
        markup = literal.description
    }

    /// Escaped text.
    init(text: String) {
        markup = Self.escape(text)
    }

    /// Appends escaped text.
    mutating func text(_ text: String) {
        markup += Self.escape(text)
    }

    /// Appends markup built elsewhere.
    mutating func append(_ html: HTML) {
        markup += html.markup
    }

    /// Appends record text, direction-isolated, with its language when known:
    /// `<bdi lang="sq">…</bdi>`.
    mutating func data(_ text: String, language: String? = nil) {
        element("bdi", ["lang": WebLanguage.validTag(language)]) { $0.text(text) }
    }

    /// Appends `<tag attributes…>content</tag>`; attributes whose value is nil are left out.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
                          _ content: (inout HTML) -> Void = { _ in }) {
        open(tag, attributes)
        content(&self)
        markup += "</\(tag)>"
    }

    /// Appends `<tag>escaped text</tag>`.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], text: String) {
        element(tag, attributes) { $0.text(text) }
    }

    /// Appends a void element such as `<input …>` or `<meta …>`.
    mutating func void(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?>) {
        open(tag, attributes)
    }

    private mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?>) {
        markup += "<\(tag)"
        for (name, value) in attributes {
            guard let value else { continue }
            markup += " \(name)=\"\(Self.escape(value))\""
        }
        markup += ">"
    }

    /// `text` with `& < > " '` as character references, and every control character that HTML
    /// and XML 1.0 forbid as U+FFFD (``HTMLText/escape(_:)``, the one escaping of every page).
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool { HTMLText.isForbidden(scalar) }
}

extension HTML {
    /// Appends a snippet whose matched words sit between STX and ETX, escaped, with `<mark>`
    /// around the matches; a stray mark in the text never leaves an element open or closes one
    /// it did not open.
    mutating func snippet(_ snippet: String, language: String? = nil) {
        element("bdi", ["lang": WebLanguage.validTag(language)]) { html in
            var isOpen = false
            var plain = ""
            for character in snippet {
                if character == "\u{2}" || character == "\u{3}" {
                    html.text(plain)
                    plain = ""
                    if character == "\u{2}", !isOpen { html.markup += "<mark>"; isOpen = true }
                    if character == "\u{3}", isOpen { html.markup += "</mark>"; isOpen = false }
                } else {
                    plain.append(character)
                }
            }
            html.text(plain)
            if isOpen { html.markup += "</mark>" }
        }
    }
}
