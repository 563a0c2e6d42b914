/// Links of the web catalog: a path and query items, percent-encoded so no data can change
/// their shape, plus the one check that lets an outside URL become a link.
struct WebURL: Sendable, Equatable {
    /// Path segments, each encoded on output (`["records", "tirana", "practice", "x"]`).
    var segments: [String]
    /// Query items in order; empty values are dropped.
    var query: [(name: String, value: String)]

    init(_ segments: [String], query: [(name: String, value: String)] = []) {
        self.segments = segments
        self.query = query
    }

    /// The path and query, such as `/records/tirana/practice/x?hl=sq`.
    var string: String {
        let path = "/" + segments.map { Self.encode($0) }.joined(separator: "/")
        let items = query.filter { !$0.value.isEmpty }.map { Self.encode($0.name) + "=" + Self.encode($0.value) }
        return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }

    /// The same link with `name` set to `value` (nil removes it), other items kept in order.
    func setting(_ name: String, _ value: String?) -> WebURL {
        var copy = self
        copy.query.removeAll { $0.name == name }
        if let value { copy.query.append((name, value)) }
        return copy
    }

    static func == (a: WebURL, b: WebURL) -> Bool {
        a.segments == b.segments && a.query.map(\.name) == b.query.map(\.name) && a.query.map(\.value) == b.query.map(\.value)
    }

    /// The page of record `id` (`city/kind/slug`).
    static func record(_ id: String, hl: String) -> WebURL {
        WebURL(["records"] + id.split(separator: "/").map(String.init), query: [("hl", hl)])
    }

    /// The page of a city.
    static func city(_ id: String, hl: String) -> WebURL { WebURL(["cities", id], query: [("hl", hl)]) }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
    }

    /// `text` when it may be the `href` of a link out of the catalog: `https://` or `http://`,
    /// then a host, with no space, quote, angle bracket, backslash or control character.
    /// Anything else (`javascript:`, `data:`, `//host`) is shown as text, not linked.
    static func external(_ text: String) -> String? {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), text.utf8.count <= 2048 else { return nil }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        guard let first = rest.unicodeScalars.first, first != "/", first != "?", first != "#" else { return nil }
        let refused: Set<Unicode.Scalar> = [" ", "\"", "'", "<", ">", "\\", "`", "{", "}", "|", "^"]
        let isClean = text.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value != 0x7F && !refused.contains($0) && !(0x80...0x9F).contains($0.value)
                && !WebText.isBidiControl($0)
        }
        return isClean ? text : nil
    }
}
