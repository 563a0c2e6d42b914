import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP request and response over a Unix-domain socket, done on a thread of its own.
enum UnixSocketExchange {
    /// The largest response accepted.
    static let maximumResponseBytes = 16 << 20

    /// Sends `request` and returns the status and body of the answer (read to EOF).
    static func exchange(_ path: String, _ request: [UInt8], timeout: Duration) async throws(AdminClientError) -> (Int, [UInt8]) {
        let result: Result<(Int, [UInt8]), AdminClientError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(AdminClientError) in try blockingExchange(path, request, timeout) })
            }
            thread.name = "agora-admin-client"
            thread.start()
        }
        return try result.get()
    }

    static func blockingExchange(_ path: String, _ request: [UInt8], _ timeout: Duration) throws(AdminClientError) -> (Int, [UInt8]) {
        let fd = try connect(path, timeout: timeout)
        defer { close(fd) }
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw failure(errno, "sending to \(path)") }
            sent += n
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else { throw failure(errno, "reading from \(path)") }
            response += buffer[0..<n]
            guard response.count <= maximumResponseBytes else { throw AdminClientError(.protocolError, "the answer is too large") }
        }
        return try parse(response)
    }

    /// A connected socket to `path`, with send and receive timeouts.
    static func connect(_ path: String, timeout: Duration) throws(AdminClientError) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw failure(errno, "creating a socket") }
        var time = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw AdminClientError(.connect, "the socket path \(path) is too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in raw.copyBytes(from: bytes) }
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard status == 0 else {
            let code = errno
            close(fd)
            throw AdminClientError(.connect, "no node server answers on \(path): \(String(cString: strerror(code)))")
        }
        return fd
    }

    /// The status code and body of an HTTP/1.1 response read to EOF.
    static func parse(_ response: [UInt8]) throws(AdminClientError) -> (Int, [UInt8]) {
        let end = Array("\r\n\r\n".utf8)
        guard let split = response.indices.first(where: { response[$0...].starts(with: end) }) else {
            throw AdminClientError(.protocolError, "the answer is not an HTTP response")
        }
        let head = String(decoding: response[..<split], as: UTF8.self)
        let statusLine = head.split(separator: "\r\n").first ?? ""
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw AdminClientError(.protocolError, "the answer has no HTTP status line")
        }
        return (status, Array(response[(split + end.count)...]))
    }

    static func failure(_ code: Int32, _ step: String) -> AdminClientError {
        let reason = String(cString: strerror(code))
        if code == EAGAIN || code == EWOULDBLOCK { return AdminClientError(.timeout, "timed out \(step)") }
        return AdminClientError(.connect, "\(step) failed: \(reason)")
    }
}
