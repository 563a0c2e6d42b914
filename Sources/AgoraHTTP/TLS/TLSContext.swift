internal import COpenSSL

/// An `SSL_CTX` configured for Agora: TLS 1.3 only, no renegotiation, no tickets, no session cache.
// @unchecked Sendable: the context is configured completely in `init` and only read afterwards
// (SSL_new), which OpenSSL allows from any thread.
final class TLSContext: @unchecked Sendable {
    let context: OpaquePointer

    /// Whether the peer must present a certificate (server side) and the handshake then yields its pin.
    let requiresPeerCertificate: Bool

    private init(method: OpaquePointer?, requiresPeerCertificate: Bool) throws(TLSError) {
        guard let method, let context = SSL_CTX_new(method) else {
            throw TLSError(code: .context, message: "SSL_CTX_new: \(OpenSSL.drainErrors())")
        }
        self.context = context
        self.requiresPeerCertificate = requiresPeerCertificate
        guard CAgoraSSL_CTX_set_tls13_only(context) == 1 else {
            throw TLSError(code: .context, message: "cannot restrict to TLS 1.3: \(OpenSSL.drainErrors())")
        }
        CAgoraSSL_CTX_set_hardening_options(context)
        CAgoraSSL_CTX_set_nonblocking_modes(context)
        CAgoraSSL_CTX_disable_session_cache(context)
        _ = SSL_CTX_set_num_tickets(context, 0)
    }

    deinit { SSL_CTX_free(context) }

    /// A server context presenting `credentials`; with `requireClientCertificate` every client must
    /// present a certificate, any certificate, whose pin the handler then checks.
    static func server(_ credentials: TLSCredentials, requireClientCertificate: Bool) throws(TLSError) -> TLSContext {
        let tls = try TLSContext(method: TLS_server_method(), requiresPeerCertificate: requireClientCertificate)
        try tls.use(credentials)
        if requireClientCertificate {
            SSL_CTX_set_verify(tls.context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT) { _, _ in 1 }
        } else {
            SSL_CTX_set_verify(tls.context, SSL_VERIFY_NONE, nil)
        }
        return tls
    }

    /// A client context; the server's certificate is not verified by a CA but pinned after the handshake.
    static func client(_ credentials: TLSCredentials?) throws(TLSError) -> TLSContext {
        let tls = try TLSContext(method: TLS_client_method(), requiresPeerCertificate: true)
        if let credentials { try tls.use(credentials) }
        SSL_CTX_set_verify(tls.context, SSL_VERIFY_NONE, nil)
        return tls
    }

    private func use(_ credentials: TLSCredentials) throws(TLSError) {
        try OpenSSL.withBIO(credentials.certificatePEM) { bio throws(TLSError) in
            guard let cert = PEM_read_bio_X509(bio, nil, nil, nil) else {
                throw TLSError(code: .certificate, message: "not a PEM certificate: \(OpenSSL.drainErrors())")
            }
            defer { X509_free(cert) }
            try OpenSSL.check(SSL_CTX_use_certificate(context, cert), .certificate, "SSL_CTX_use_certificate")
        }
        try OpenSSL.withBIO(credentials.privateKeyPEM) { bio throws(TLSError) in
            guard let key = PEM_read_bio_PrivateKey(bio, nil, nil, nil) else {
                throw TLSError(code: .privateKey, message: "not a PEM private key: \(OpenSSL.drainErrors())")
            }
            defer { EVP_PKEY_free(key) }
            try OpenSSL.check(SSL_CTX_use_PrivateKey(context, key), .privateKey, "SSL_CTX_use_PrivateKey")
        }
        try OpenSSL.check(SSL_CTX_check_private_key(context), .privateKey, "the private key does not match the certificate")
    }
}
