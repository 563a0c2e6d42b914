import Foundation

/// One validated Subject Alternative Name: an IP address or a DNS name.
///
/// Validation also keeps the OpenSSL configuration string that carries the names safe:
/// neither form can contain a comma or a colon-prefixed type of its own.
struct SubjectAltName: Equatable {
    /// The longest DNS name (RFC 1035 §2.3.4).
    static let maximumDNSNameLength = 253
    /// The longest DNS label (RFC 1035 §2.3.4).
    static let maximumLabelLength = 63

    enum Kind { case dns, ip }

    let kind: Kind
    let value: String

    init(_ text: String) throws {
        if Self.isIPAddress(text) {
            kind = .ip
        } else if Self.isDNSName(text) {
            kind = .dns
        } else {
            throw CryptoError(code: .invalidArgument,
                              message: "\"\(text)\" is neither an IP address nor a DNS name")
        }
        value = text
    }

    /// The entry as `openssl x509` config syntax: `DNS:localhost` or `IP:127.0.0.1`.
    var configValue: String {
        (kind == .ip ? "IP:" : "DNS:") + value
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// Letters, digits and inner hyphens in dot-separated labels; the first label may be `*`.
    static func isDNSName(_ text: String) -> Bool {
        guard (1...maximumDNSNameLength).contains(text.utf8.count) else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.enumerated().allSatisfy { index, label in
            (index == 0 && label == "*" && labels.count > 2) || isLabel(label)
        }
    }

    private static func isLabel(_ label: Substring) -> Bool {
        let bytes = Array(label.utf8)
        guard (1...maximumLabelLength).contains(bytes.count),
              bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) && byte >= 0x41
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
        }
    }
}
