import AgoraHTTP
import Foundation

/// The interface languages of the web catalog, and how a request picks one.
///
/// The interface language comes from the `hl` query parameter when it names one of
/// ``interface``, else from the best match in `Accept-Language`, else English. Record text is
/// chosen separately (``contentPreferences(_:)``): a record in Dutch is shown in Dutch to a
/// reader whose browser asks for Dutch, even though the interface has no Dutch messages.
enum WebLanguage {
    /// The languages the interface is translated into, in the order the switch lists them.
    static let interface = ["en", "sq", "bg", "ro"]
    /// The interface language when nothing else matches.
    static let fallback = "en"
    /// Accept-Language entries read at most (a longer header is read up to here).
    static let maximumAcceptEntries = 16

    /// The interface language of `request`.
    static func interfaceLanguage(of request: HTTPRequest) -> String {
        if let asked = request.query("hl"), interface.contains(asked) { return asked }
        for tag in accepted(request) {
            let primary = ParameterSyntax.primaryLanguage(tag)
            if interface.contains(primary) { return primary }
        }
        return fallback
    }

    /// The languages the reader wants record text in, best first: `lang`, then the interface
    /// language, then Accept-Language (each also by its primary subtag).
    static func contentPreferences(_ request: HTTPRequest, interface: String) -> [String] {
        var tags: [String] = []
        if let asked = validTag(request.query("lang")) { tags.append(asked) }
        if request.query("hl") != nil { tags.append(interface) }
        tags += accepted(request)
        tags.append(interface)
        var seen = Set<String>()
        var out: [String] = []
        for tag in tags {
            for candidate in [tag, ParameterSyntax.primaryLanguage(tag)] where seen.insert(candidate).inserted {
                out.append(candidate)
            }
        }
        return out
    }

    /// The tags of `Accept-Language` by weight (ties in order), without `*` and `q=0`.
    static func accepted(_ request: HTTPRequest) -> [String] {
        guard let header = request.headers["Accept-Language"] else { return [] }
        var entries: [(tag: String, weight: Double, order: Int)] = []
        for (order, part) in header.split(separator: ",").prefix(maximumAcceptEntries).enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, let valid = validTag(tag) else { continue }
            var weight = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            if weight > 0 { entries.append((valid, weight, order)) }
        }
        return entries.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.order < $1.order }.map(\.tag)
    }

    /// `tag` when it is a well-formed language tag, else nil (so it can go into a `lang` attribute).
    static func validTag(_ tag: String?) -> String? {
        guard let tag, ParameterSyntax.isLanguageTag(tag) else { return nil }
        return tag
    }

    /// The first of `preferences` that `available` has, else `original`, else the first by tag.
    static func best(of available: some Collection<String>, preferences: [String], original: String?) -> String? {
        let set = Set(available)
        if let match = preferences.first(where: set.contains) { return match }
        if let original, set.contains(original) { return original }
        return set.sorted().first
    }
}
