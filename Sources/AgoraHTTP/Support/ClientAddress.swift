import Foundation

/// The address of a connection's peer, as the server counts per-client limits and writes logs.
///
/// An IPv4 client reached through an IPv6 listener (`--bind ::`) arrives as `::ffff:a.b.c.d`; it
/// is read as the IPv4 address it is, so it is loopback when `a` is 127 and it shares its limits
/// with the same client over IPv4. See docs/HTTP.md, "Connections per client".
public struct ClientAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host part: `"203.0.113.7"`, `"2001:db8::1"`, or `"unix"` for a Unix-domain socket.
    public let host: String
    /// The raw bytes of the address: 4 (IPv4) or 16 (IPv6); empty for a Unix-domain socket.
    let bytes: [UInt8]

    /// Reads a `remoteAddress` as `HTTPRequest` carries it (`"1.2.3.4:5"`, `"[::1]:5"`, `"unix"`).
    public init(remoteAddress: String) {
        var host = Substring(remoteAddress)
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon {
            host = host[..<colon]
        }
        self.init(host: String(host))
    }

    /// Reads a bare host (`"1.2.3.4"`, `"::ffff:1.2.3.4"`, `"::1"`).
    public init(host: String) {
        if let v4 = Self.parse(host, family: AF_INET, count: 4) {
            self.host = host
            bytes = v4
        } else if let v6 = Self.parse(host, family: AF_INET6, count: 16) {
            if v6.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] {
                bytes = Array(v6.suffix(4))
                self.host = bytes.map(String.init).joined(separator: ".")
            } else {
                bytes = v6
                self.host = host
            }
        } else {
            self.host = host
            bytes = []
        }
    }

    public var description: String { host }

    /// Whether the peer is on this machine: 127.0.0.0/8, ::1, or the Unix-domain socket.
    public var isLoopback: Bool {
        switch bytes.count {
        case 4: bytes[0] == 127
        case 16: bytes == [UInt8](repeating: 0, count: 15) + [1]
        default: host == "unix"
        }
    }

    /// What per-client limits count under: the IPv4 address, the IPv6 /64 prefix (one subscriber
    /// usually holds a whole /64), or the host text for anything else.
    public var limitKey: String { masked(ipv4Bits: 32, ipv6Bits: 64) }

    /// The address as the access log writes it: IPv4 cut to its /24, IPv6 to its /48, so a line
    /// names a network rather than a person's device.
    public var truncated: String { masked(ipv4Bits: 24, ipv6Bits: 48) }

    private func masked(ipv4Bits: Int, ipv6Bits: Int) -> String {
        let bits = bytes.count == 4 ? ipv4Bits : ipv6Bits
        guard !bytes.isEmpty else { return host }
        var kept = bytes
        for index in kept.indices {
            let keep = min(8, max(0, bits - index * 8))
            kept[index] &= keep == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
        }
        let text = Self.format(kept)
        return bits >= bytes.count * 8 ? text : "\(text)/\(bits)"
    }

    private static func parse(_ host: String, family: Int32, count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16)
        guard inet_pton(family, host, &buffer) == 1 else { return nil }
        return Array(buffer.prefix(count))
    }

    private static func format(_ bytes: [UInt8]) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        guard inet_ntop(family, bytes, &text, socklen_t(text.count)) != nil else { return "unknown" }
        return String(cArray: text)
    }
}
