import Foundation

/// A plain-HTTP request sent to a TLS port gets a plain-text 400 that says so, as nginx does,
/// rather than a failed handshake the client shows as a connection reset.
extension EventLoop {
    /// What the first byte of a connection on a TLS listener says.
    enum FirstByte {
        /// Nothing has arrived yet.
        case pending
        /// A TLS record (a ClientHello starts with 0x16) or anything that is not plain HTTP.
        case tls
        /// An uppercase ASCII letter: the start of an HTTP method.
        case plainHTTP
        /// The peer closed or the socket failed.
        case closed
    }

    /// The one-line answer to plain HTTP on a TLS port.
    static let plainHTTPMessage = "this port speaks HTTPS (TLS 1.3), not plain HTTP; use an https:// URL"

    /// Peeks at the first byte without consuming it.
    func peekFirstByte(_ connection: ServerConnection) -> FirstByte {
        var byte: UInt8 = 0
        let count = recv(connection.fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if count == 1 { return (0x41...0x5A).contains(byte) ? .plainHTTP : .tls }
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return .pending }
        return .closed
    }

    /// Checks the first byte once; returns `true` when the handshake may go on.
    func sniffForPlainHTTP(_ connection: ServerConnection) -> Bool {
        guard !connection.sniffed else { return true }
        switch peekFirstByte(connection) {
        case .pending:
            connection.interest = Int16(POLLIN)
            return false
        case .closed:
            core.count { $0.handshakeFailures += 1 }
            closeConnection(connection)
            return false
        case .tls:
            connection.sniffed = true
            return true
        case .plainHTTP:
            connection.sniffed = true
            core.count { $0.plainHTTPOnTLS += 1 }
            connection.transport = PlainTransport(fd: connection.fd)
            connection.isHeadRequest = false
            respond(connection, with: .error(.badRequest, Self.plainHTTPMessage), close: true)
            return false
        }
    }
}
