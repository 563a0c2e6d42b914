import AgoraNode
import Foundation

/// The node's public base URL (`publicURL` in node.json): what DCAT exports put in every link.
enum PublicURL {
    /// The port `agora serve` listens on unless told otherwise.
    static let defaultPort = 8443

    /// `--public-url` checked, else one made from the first DNS name among the certificate's
    /// names, else `https://localhost:8443`. No trailing slash.
    static func choose(_ given: String?, names: [String], command: [String]) throws -> String {
        if let given {
            guard let url = normalized(given) else {
                throw CLIError.usage("invalid value '\(given)' for --public-url: expected an absolute https:// (or http://) URL "
                    + "with a host and no query, e.g. https://agora.tirana.al", command: command)
            }
            return url
        }
        let host = names.first { !isLoopback($0) && !$0.contains(":") && $0.contains { $0.isLetter } } ?? "localhost"
        return "https://\(host):\(defaultPort)"
    }

    /// The URL without a trailing slash, or nil when it is not an absolute http(s) URL with a host.
    static func normalized(_ text: String) -> String? {
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(), ["https", "http"].contains(scheme),
              let host = parts.host, !host.isEmpty, parts.query == nil, parts.fragment == nil, parts.user == nil else { return nil }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// A warning when `url` points at this machine only, as the default does.
    static func warning(_ url: String) -> String? {
        guard let host = URLComponents(string: url)?.host, isLoopback(host) else { return nil }
        return "agora: warning: the public URL is \(url), which only this machine can reach, and DCAT exports put it in "
            + "every link; set the address other cities use with 'agora init --public-url URL', or publicURL in node.json"
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare.hasSuffix(".localhost") || bare.hasPrefix("127.") || bare == "::1"
    }
}
