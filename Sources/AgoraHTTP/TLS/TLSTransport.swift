internal import COpenSSL
import Foundation

/// TLS over a non-blocking socket, through one `SSL*` that this object owns and frees.
final class TLSTransport: ByteTransport {
    let fd: Int32
    private let ssl: OpaquePointer

    init(context: TLSContext, fd: Int32, isServer: Bool, serverName: String? = nil) throws(TLSError) {
        guard let ssl = SSL_new(context.context) else {
            throw TLSError(code: .context, message: "SSL_new: \(OpenSSL.drainErrors())")
        }
        self.ssl = ssl
        self.fd = fd
        SSL_set_fd(ssl, fd)
        if isServer {
            SSL_set_accept_state(ssl)
        } else {
            SSL_set_connect_state(ssl)
            if let serverName { _ = CAgoraSSL_set_tlsext_host_name(ssl, serverName) }
        }
    }

    deinit { SSL_free(ssl) }

    func handshake() -> IOResult {
        ERR_clear_error()
        let result = SSL_do_handshake(ssl)
        return result == 1 ? .done(0) : status(result)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        ERR_clear_error()
        let result = SSL_read(ssl, buffer.baseAddress, Int32(min(buffer.count, Int(Int32.max))))
        return result > 0 ? .done(Int(result)) : status(result)
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        ERR_clear_error()
        let result = SSL_write(ssl, bytes.baseAddress, Int32(min(bytes.count, Int(Int32.max))))
        return result > 0 ? .done(Int(result)) : status(result)
    }

    func closeNotify() {
        ERR_clear_error()
        _ = SSL_shutdown(ssl)
        ERR_clear_error()
    }

    func peerCertificatePin() -> String? {
        guard let cert = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(cert) }
        return SPKIPin.of(certificate: cert)
    }

    /// Maps `SSL_get_error`; SYSCALL and ZERO_RETURN read as the peer closing.
    private func status(_ result: Int32) -> IOResult {
        let savedErrno = errno
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ: return .wantRead
        case SSL_ERROR_WANT_WRITE: return .wantWrite
        case SSL_ERROR_ZERO_RETURN: return .closed
        case SSL_ERROR_SYSCALL:
            let queued = ERR_peek_error() != 0 ? OpenSSL.drainErrors() : nil
            if let queued { return .failed(queued) }
            return savedErrno == 0 || savedErrno == ECONNRESET || savedErrno == EPIPE ? .closed
                : .failed(String(cString: strerror(savedErrno)))
        default:
            return .failed(OpenSSL.drainErrors())
        }
    }
}
