internal import COpenSSL

/// Moves keys and certificates between OpenSSL and PEM text.
///
/// Reading never prompts: an encrypted PEM is refused rather than OpenSSL asking for a
/// passphrase on the terminal.
enum PEM {
    /// A password callback that supplies no password.
    private static let noPassword: @convention(c) (
        UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?
    ) -> Int32 = { _, _, _, _ in 0 }

    /// The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    static func privateKeyText(_ key: KeyHandle) throws -> String {
        let bio = try MemoryBIO()
        try OpenSSL.call("PEM_write_bio_PrivateKey") {
            PEM_write_bio_PrivateKey(bio.pointer, key.pointer, nil, nil, 0, nil, nil)
        }
        return try bio.contents()
    }

    /// The private key in PEM `text` (PKCS#8, or a traditional EC key).
    static func privateKey(_ text: String) throws -> KeyHandle {
        try MemoryBIO.reading(text) { bio in
            KeyHandle(try OpenSSL.make("PEM_read_bio_PrivateKey", code: .invalidKey) {
                PEM_read_bio_PrivateKey(bio, nil, noPassword, nil)
            })
        }
    }

    /// The certificate as PEM (`-----BEGIN CERTIFICATE-----`).
    static func certificateText(_ certificate: CertificateHandle) throws -> String {
        let bio = try MemoryBIO()
        try OpenSSL.call("PEM_write_bio_X509") { PEM_write_bio_X509(bio.pointer, certificate.pointer) }
        return try bio.contents()
    }

    /// The first certificate in PEM `text`.
    static func certificate(_ text: String) throws -> CertificateHandle {
        try MemoryBIO.reading(text) { bio in
            CertificateHandle(try OpenSSL.make("PEM_read_bio_X509", code: .invalidCertificate) {
                PEM_read_bio_X509(bio, nil, noPassword, nil)
            })
        }
    }
}

/// Owns an `X509` certificate.
final class CertificateHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { X509_free(pointer) }
}
