/// Addresses as people write them in messages: `127.0.0.1:8443`, `[::1]:8443`, `unix socket /path`.
extension HTTPListener.Address: CustomStringConvertible {
    public var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): "unix socket \(path)"
        }
    }
}
