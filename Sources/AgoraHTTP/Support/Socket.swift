import Foundation

/// BSD socket calls, each checked through `SystemError.check`. Every socket made here is non-blocking
/// and close-on-exec.
enum Socket {
    /// A listening TCP socket on `host:port` (port 0 picks a free one). Returns it and the bound port.
    static func listenTCP(host: String, port: UInt16, backlog: Int32) throws(SystemError) -> (fd: Int32, port: UInt16) {
        var address = try resolve(host: host, port: port, passive: true)
        let fd = try SystemError.check(socket(Int32(address.ss_family), Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0), "socket")
        do throws(SystemError) {
            var yes: Int32 = 1
            try SystemError.check(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size)), "setsockopt(SO_REUSEADDR)")
            let length = socklen_t(address.ss_family == sa_family_t(AF_INET6) ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
            try SystemError.check(withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }, "bind \(host):\(port)")
            try SystemError.check(listen(fd, backlog), "listen")
            try setNonBlocking(fd)
            return (fd, try localPort(fd))
        } catch {
            close(fd)
            throw error
        }
    }

    /// A listening Unix-domain socket at `path`, mode 0600. A stale socket file there is replaced;
    /// any other kind of file is left alone and the call fails.
    static func listenUnix(path: String, backlog: Int32) throws(SystemError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw SystemError(operation: "unix socket path too long: \(path)", errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in raw.copyBytes(from: pathBytes) }
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFSOCK else { throw SystemError(operation: "\(path) exists and is not a socket", errno: EEXIST) }
            unlink(path)
        }
        let fd = try SystemError.check(socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0), "socket(AF_UNIX)")
        do throws(SystemError) {
            try SystemError.check(fchmod(fd, 0o600), "fchmod")
            try SystemError.check(withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }, "bind \(path)")
            try SystemError.check(chmod(path, 0o600), "chmod 0600 \(path)")
            try SystemError.check(listen(fd, backlog), "listen")
            try setNonBlocking(fd)
            return fd
        } catch {
            close(fd)
            throw error
        }
    }

    /// Accepts one pending connection, non-blocking; `nil` when none is pending.
    static func accept(_ listener: Int32) -> (fd: Int32, peer: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.accept(listener, $0, &length)
            }
        }
        guard fd >= 0 else { return nil }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        guard (try? setNonBlocking(fd)) != nil else { close(fd); return nil }
        return (fd, describe(storage))
    }

    /// `"1.2.3.4:port"`, `"[::1]:port"` or `"unix"`.
    static func describe(_ storage: sockaddr_storage) -> String {
        var copy = storage
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let family = Int32(storage.ss_family)
        guard family == AF_INET || family == AF_INET6 else { return "unix" }
        let length = socklen_t(family == AF_INET6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
        let result = withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard result == 0 else { return "unknown" }
        // An IPv4 peer of an IPv6 listener (`::ffff:a.b.c.d`) is described as the IPv4 address it is.
        let h = ClientAddress(host: String(cArray: host)).host, s = String(cArray: service)
        return h.contains(":") ? "[\(h)]:\(s)" : "\(h):\(s)"
    }

    static func setNonBlocking(_ fd: Int32) throws(SystemError) {
        let flags = try SystemError.check(fcntl(fd, F_GETFL), "fcntl(F_GETFL)")
        try SystemError.check(fcntl(fd, F_SETFL, flags | O_NONBLOCK), "fcntl(F_SETFL)")
    }

    /// TCP_NODELAY, so keep-alive responses do not wait for delayed ACKs (Nagle).
    static func setNoDelay(_ fd: Int32) {
        var yes: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
    }

    static func localPort(_ fd: Int32) throws(SystemError) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try SystemError.check(withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }, "getsockname")
        return withUnsafeBytes(of: storage) { raw in
            // sin_port and sin6_port sit at the same offset, in network byte order.
            UInt16(bigEndian: raw.load(fromByteOffset: 2, as: UInt16.self))
        }
    }

    /// The first address for `host:port` (numeric or a name, through getaddrinfo).
    static func resolve(host: String, port: UInt16, passive: Bool) throws(SystemError) -> sockaddr_storage {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = passive ? AI_PASSIVE : 0
        var list: UnsafeMutablePointer<addrinfo>?
        let result = getaddrinfo(host, String(port), &hints, &list)
        guard result == 0, let first = list, let address = first.pointee.ai_addr else {
            throw SystemError(operation: "resolve \(host): \(String(cString: gai_strerror(result)))", errno: EINVAL)
        }
        defer { freeaddrinfo(list) }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(first.pointee.ai_addrlen)))
        }
        return storage
    }
}

extension String {
    /// The text of a NUL-terminated C character array.
    init(cArray: [CChar]) {
        self.init(decoding: cArray.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
