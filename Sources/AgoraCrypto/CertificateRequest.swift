import Foundation
internal import COpenSSL

/// The validated contents of a self-signed certificate, and the steps that build it.
struct CertificateRequest {
    let commonName: String
    let subjectAltNames: [SubjectAltName]
    let validDays: Int

    init(commonName: String, subjectAltNames: [String], validDays: Int) throws {
        let cnBytes = commonName.utf8.count
        guard (1...TLSIdentity.maximumCommonNameByteCount).contains(cnBytes),
              !commonName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CryptoError(code: .invalidArgument, message:
                "a common name must be 1 to \(TLSIdentity.maximumCommonNameByteCount) UTF-8 bytes without control characters")
        }
        guard (1...TLSIdentity.maximumSubjectAltNames).contains(subjectAltNames.count) else {
            throw CryptoError(code: .invalidArgument, message:
                "a certificate needs 1 to \(TLSIdentity.maximumSubjectAltNames) subject alternative names, not \(subjectAltNames.count)")
        }
        guard (TLSIdentity.minimumValidDays...TLSIdentity.maximumValidDays).contains(validDays) else {
            throw CryptoError(code: .invalidArgument, message:
                "validity must be \(TLSIdentity.minimumValidDays) to \(TLSIdentity.maximumValidDays) days, not \(validDays)")
        }
        self.commonName = commonName
        self.subjectAltNames = try subjectAltNames.map(SubjectAltName.init)
        self.validDays = validDays
    }

    /// A version 3 certificate for `key`, signed by `key` with ECDSA-SHA256.
    func selfSigned(with key: KeyHandle) throws -> CertificateHandle {
        let certificate = CertificateHandle(try OpenSSL.make("X509_new") { X509_new() })
        let x509 = certificate.pointer
        try OpenSSL.call("X509_set_version") { X509_set_version(x509, 2) }
        try setSerial(x509)
        try OpenSSL.make("X509_gmtime_adj(notBefore)") {
            X509_gmtime_adj(X509_getm_notBefore(x509), -TLSIdentity.notBeforeLeewaySeconds)
        }
        try OpenSSL.make("X509_time_adj_ex(notAfter)") {
            X509_time_adj_ex(X509_getm_notAfter(x509), Int32(validDays), 0, nil)
        }
        try OpenSSL.call("X509_set_pubkey") { X509_set_pubkey(x509, key.pointer) }
        let name = try OpenSSL.make("X509_get_subject_name") { X509_get_subject_name(x509) }
        try OpenSSL.call("X509_NAME_add_entry_by_txt(CN)") {
            X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, commonName, -1, -1, 0)
        }
        try OpenSSL.call("X509_set_issuer_name") { X509_set_issuer_name(x509, name) }
        try addExtensions(x509)
        try OpenSSL.call("X509_sign") { X509_sign(x509, key.pointer, EVP_sha256()) }
        return certificate
    }

    /// A random positive 127-bit serial number (RFC 5280 §4.1.2.2 allows up to 20 octets).
    private func setSerial(_ x509: OpaquePointer) throws {
        var bytes = try SecureRandom.bytes(count: 16)
        bytes[0] &= 0x7f
        let number = try OpenSSL.make("BN_bin2bn") { BN_bin2bn(bytes, Int32(bytes.count), nil) }
        defer { BN_free(number) }
        try OpenSSL.make("BN_to_ASN1_INTEGER") { BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509)) }
    }

    /// A leaf for both ends of mutual TLS: not a CA, server and client auth, and the SAN.
    private func addExtensions(_ x509: OpaquePointer) throws {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, x509, x509, nil, nil, 0)
        let extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth,clientAuth"),
            (NID_subject_key_identifier, "hash"),
            (NID_subject_alt_name, subjectAltNames.map(\.configValue).joined(separator: ",")),
        ]
        for (nid, value) in extensions {
            let ext = try OpenSSL.make("X509V3_EXT_conf_nid") { X509V3_EXT_conf_nid(nil, &context, nid, value) }
            defer { X509_EXTENSION_free(ext) }
            try OpenSSL.call("X509_add_ext") { X509_add_ext(x509, ext, -1) }
        }
    }
}
