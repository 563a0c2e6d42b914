import Foundation

extension ClientConnection {
    /// A connected non-blocking socket to `endpoint`, within `timeout`.
    static func connectSocket(_ endpoint: HTTPEndpoint, timeout: Duration) throws(HTTPClientError) -> Int32 {
        let peer = endpoint.description
        var (storage, length) = try socketAddress(of: endpoint)
        let fd = socket(Int32(storage.ss_family), Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HTTPClientError(.connect, step: .connect, peer: peer, "socket() failed", cause: SystemError(operation: "socket", errno: errno)) }
        do throws(HTTPClientError) {
            try? Socket.setNonBlocking(fd)
            let result = withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) } }
            if result != 0 {
                guard errno == EINPROGRESS else { throw connectError(peer, errno) }
                try wait(fd: fd, Int16(POLLOUT), until: Monotonic.now() + Monotonic.nanoseconds(timeout), step: .connect, peer: peer)
                var error: Int32 = 0
                var size = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size)
                if error != 0 { throw connectError(peer, error) }
            }
            if Int32(storage.ss_family) != AF_UNIX { Socket.setNoDelay(fd) }
            return fd
        } catch {
            close(fd)
            throw error
        }
    }

    /// The socket address of `endpoint`: resolved host and port, or the Unix socket path.
    static func socketAddress(of endpoint: HTTPEndpoint) throws(HTTPClientError) -> (sockaddr_storage, socklen_t) {
        let peer = endpoint.description
        var storage = sockaddr_storage()
        switch endpoint.kind {
        case .tls(let host, let port, _), .plain(let host, let port):
            do { storage = try Socket.resolve(host: host, port: port, passive: false) } catch {
                throw HTTPClientError(.connect, step: .connect, peer: peer, "cannot resolve the host", cause: error)
            }
            let isV6 = Int32(storage.ss_family) == AF_INET6
            return (storage, socklen_t(isV6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size))
        case .unix(let path):
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
                throw HTTPClientError(.connect, step: .connect, peer: peer, "socket path too long")
            }
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
            withUnsafeMutableBytes(of: &storage) { $0.copyBytes(from: withUnsafeBytes(of: address) { Array($0) }) }
            return (storage, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }

    private static func connectError(_ peer: String, _ code: Int32) -> HTTPClientError {
        let cause = SystemError(operation: "connect", errno: code)
        return HTTPClientError(.connect, step: .connect, peer: peer, "cannot connect: \(String(cString: strerror(code)))", cause: cause)
    }
}
