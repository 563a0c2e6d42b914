import Foundation

/// The outcome of one non-blocking transport operation.
enum IOResult: Equatable {
    /// The handshake finished, or this many bytes moved.
    case done(Int)
    /// Retry when the socket is readable.
    case wantRead
    /// Retry when the socket is writable.
    case wantWrite
    /// The peer closed the connection.
    case closed
    /// A protocol or socket error.
    case failed(String)
}

/// A byte stream over a non-blocking socket: plain TCP, a Unix-domain socket, or TLS over either.
/// Not thread-safe: one thread at a time (an event loop, or the client thread that owns it).
protocol ByteTransport: AnyObject {
    var fd: Int32 { get }
    func handshake() -> IOResult
    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult
    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult
    /// Sends TLS close_notify if there is TLS; best effort.
    func closeNotify()
    /// The SPKI pin of the peer's certificate, after the handshake, if it sent one.
    func peerCertificatePin() -> String?
}

/// Plain bytes on a socket.
final class PlainTransport: ByteTransport {
    let fd: Int32

    init(fd: Int32) { self.fd = fd }

    func handshake() -> IOResult { .done(0) }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        let n = recv(fd, buffer.baseAddress, buffer.count, 0)
        if n > 0 { return .done(n) }
        if n == 0 { return .closed }
        return Self.status(errno, wouldBlock: .wantRead)
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        let n = send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        if n >= 0 { return .done(n) }
        return Self.status(errno, wouldBlock: .wantWrite)
    }

    func closeNotify() {}
    func peerCertificatePin() -> String? { nil }

    static func status(_ error: Int32, wouldBlock: IOResult) -> IOResult {
        switch error {
        case EAGAIN, EWOULDBLOCK, EINTR: return wouldBlock
        case ECONNRESET, EPIPE: return .closed
        default: return .failed(String(cString: strerror(error)))
        }
    }
}
