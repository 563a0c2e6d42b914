import AgoraCore
import AgoraStore
import Foundation

/// An Atom 1.0 feed (RFC 4287) of records, newest change first.
///
/// Every text is escaped for XML, with the characters XML 1.0 forbids replaced by U+FFFD, and
/// a text holding bidi controls is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE,
/// so a reader that shows it cannot let it reorder what follows.
struct AtomFeed {
    /// One entry.
    struct Entry {
        var id: String
        var title: String
        var summary: String
        var language: String?
        var city: String
        var themes: [String]
        var updatedMilliseconds: Int64
    }

    /// `https://host` of the node.
    let baseURL: String
    /// The feed's path and query (for its `self` link and id).
    let selfPath: String
    let title: String
    let entries: [Entry]

    var xml: String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "<title>\(Self.text(title))</title>\n"
        out += "<id>\(Self.text(baseURL + selfPath))</id>\n"
        out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(Self.text(baseURL + selfPath))\"/>\n"
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(Self.text(baseURL + "/"))\"/>\n"
        out += "<updated>\(Self.timestamp(entries.map(\.updatedMilliseconds).max() ?? 0))</updated>\n"
        out += "<generator>Agora</generator>\n"
        for entry in entries { out += self.entry(entry) }
        return out + "</feed>\n"
    }

    func entry(_ entry: Entry) -> String {
        let link = baseURL + WebURL(["records"] + entry.id.split(separator: "/").map(String.init)).string
        let language = WebLanguage.validTag(entry.language).map { " xml:lang=\"\($0)\"" } ?? ""
        var out = "<entry>\n<id>\(Self.text(link))</id>\n"
        out += "<title type=\"text\"\(language)>\(Self.text(entry.title))</title>\n"
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(Self.text(link))\"/>\n"
        out += "<updated>\(Self.timestamp(entry.updatedMilliseconds))</updated>\n"
        out += "<author><name>\(Self.text(entry.city))</name></author>\n"
        for theme in entry.themes { out += "<category term=\"\(Self.text(theme))\"/>\n" }
        out += "<summary type=\"text\"\(language)>\(Self.text(entry.summary))</summary>\n</entry>\n"
        return out
    }

    /// XML-escaped text, direction-isolated when it holds a bidi control.
    static func text(_ value: String) -> String {
        let isolated = value.unicodeScalars.contains(where: WebText.isBidiControl) ? "\u{2068}" + value + "\u{2069}" : value
        return HTML.escape(isolated)
    }

    /// RFC 3339 in UTC with milliseconds: `2024-05-01T10:00:00.000Z`.
    static func timestamp(_ milliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        return date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
