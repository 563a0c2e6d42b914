internal import COpenSSL
import Foundation

/// The one place OpenSSL's error queue is read and cleared.
enum OpenSSL {
    /// The queued error strings, oldest first, joined; the queue is emptied.
    static func drainErrors() -> String {
        var messages: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "no OpenSSL error queued" : messages.joined(separator: "; ")
    }

    /// Throws a `TLSError` when an OpenSSL call returned something other than 1.
    static func check(_ result: Int32, _ code: TLSError.Code, _ operation: String) throws(TLSError) {
        if result != 1 { throw TLSError(code: code, message: "\(operation): \(drainErrors())") }
    }

    /// A memory BIO over `text`, freed after `body`.
    static func withBIO<T>(_ text: String, _ body: (OpaquePointer) throws(TLSError) -> T) throws(TLSError) -> T {
        var bytes = Array(text.utf8)
        guard let bio = bytes.withUnsafeMutableBytes({ BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else {
            throw TLSError(code: .context, message: "BIO_new_mem_buf: \(drainErrors())")
        }
        defer { BIO_free(bio) }
        // BIO_new_mem_buf does not copy: `bytes` must outlive the BIO, which `withExtendedLifetime` ensures.
        return try withExtendedLifetime(bytes) { () throws(TLSError) -> T in try body(bio) }
    }
}

/// SPKI pins: base64(SHA-256(DER SubjectPublicKeyInfo)), the form `curl --pinnedpubkey sha256//…` takes.
public enum SPKIPin {
    /// The pin of the certificate in `pem`.
    /// - Throws: `TLSError(.certificate)` if it is not a PEM certificate.
    public static func ofCertificate(pem: String) throws -> String {
        try OpenSSL.withBIO(pem) { bio throws(TLSError) -> String in
            guard let cert = PEM_read_bio_X509(bio, nil, nil, nil) else {
                throw TLSError(code: .certificate, message: "not a PEM certificate: \(OpenSSL.drainErrors())")
            }
            defer { X509_free(cert) }
            guard let pin = of(certificate: cert) else {
                throw TLSError(code: .certificate, message: "certificate has no readable public key")
            }
            return pin
        }
    }

    /// The pin of an `X509*`, or `nil` if its key cannot be encoded.
    static func of(certificate: OpaquePointer) -> String? {
        guard let key = X509_get0_pubkey(certificate) else { return nil }
        let length = i2d_PUBKEY(key, nil)
        guard length > 0 else { return nil }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PUBKEY(key, &cursor)
        }
        guard written == length else { return nil }
        var digest = [UInt8](repeating: 0, count: 32)
        var digestLength: UInt32 = 0
        guard EVP_Digest(der, der.count, &digest, &digestLength, EVP_sha256(), nil) == 1, digestLength == 32 else {
            return nil
        }
        return Data(digest).base64EncodedString()
    }
}
