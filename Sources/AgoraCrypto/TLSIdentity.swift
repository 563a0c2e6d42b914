import Foundation
internal import COpenSSL

/// A node's TLS identity: an ECDSA P-256 key and a self-signed X.509 certificate whose
/// Subject Alternative Name lists the node's DNS names and IP addresses.
///
/// P-256 rather than Ed25519 because browsers refuse Ed25519 certificates in TLS. Peers
/// trust the certificate by its `spkiPin`, which the roster carries. See `docs/KEYS.md`.
public struct TLSIdentity: Sendable {
    /// The fewest days a generated certificate is valid.
    public static let minimumValidDays = 1
    /// The most days a generated certificate is valid (ten years); rotate before then.
    public static let maximumValidDays = 3650
    /// The longest common name, in UTF-8 bytes (X.520 `ub-common-name`).
    public static let maximumCommonNameByteCount = 64
    /// The most Subject Alternative Names one certificate carries.
    public static let maximumSubjectAltNames = 64
    /// How far before "now" a new certificate becomes valid, in seconds, so that a peer
    /// whose clock is a little behind still accepts it.
    public static let notBeforeLeewaySeconds = 3600

    /// The certificate, PEM-encoded.
    public let certificatePEM: String
    /// The private key, unencrypted PKCS#8 PEM. Store it with `KeyFile`.
    public let privateKeyPEM: String
    /// Standard base64 of the SHA-256 of the certificate's DER SubjectPublicKeyInfo: exactly
    /// what follows `sha256//` in curl's `--pinnedpubkey`.
    public let spkiPin: String
    /// When the certificate stops being valid.
    public let notAfter: Date

    /// Reads an identity from PEM and checks it: the key must be ECDSA P-256 and must
    /// match the certificate.
    ///
    /// - Throws: `CryptoError` `.invalidCertificate` or `.invalidKey` saying which check failed.
    public init(certificatePEM: String, privateKeyPEM: String) throws {
        let certificate = try PEM.certificate(certificatePEM)
        let key = try PEM.privateKey(privateKeyPEM)
        try Self.requireP256(key)
        guard X509_check_private_key(certificate.pointer, key.pointer) == 1 else {
            OpenSSL.clearErrors()
            throw CryptoError(code: .invalidKey, message: "the TLS private key does not match the certificate")
        }
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.spkiPin = try Self.pin(of: certificate)
        self.notAfter = try Self.notAfter(of: certificate)
    }

    /// Generates a new P-256 key and a self-signed certificate for it.
    ///
    /// - Parameters:
    ///   - commonName: the subject's CN, for people reading the certificate.
    ///   - subjectAltNames: DNS names (`localhost`, `node.tirana.example`, `*.example.org`)
    ///     and IP addresses (`127.0.0.1`, `::1`); at least one.
    ///   - validDays: between `minimumValidDays` and `maximumValidDays`.
    public static func generate(commonName: String, subjectAltNames: [String], validDays: Int) throws -> TLSIdentity {
        let request = try CertificateRequest(commonName: commonName, subjectAltNames: subjectAltNames, validDays: validDays)
        let key = try generateP256Key()
        let certificate = try request.selfSigned(with: key)
        return try TLSIdentity(certificatePEM: PEM.certificateText(certificate), privateKeyPEM: PEM.privateKeyText(key))
    }

    /// The SPKI pin of the first certificate in `certificatePEM`, in the same form as `spkiPin`.
    public static func spkiPin(certificatePEM: String) throws -> String {
        try pin(of: PEM.certificate(certificatePEM))
    }

    static func pin(of certificate: CertificateHandle) throws -> String {
        let publicKey = try OpenSSL.make("X509_get0_pubkey", code: .invalidCertificate) {
            X509_get0_pubkey(certificate.pointer)
        }
        var der: UnsafeMutablePointer<UInt8>? = nil
        let length = try OpenSSL.call("i2d_PUBKEY") { i2d_PUBKEY(publicKey, &der) }
        defer { CAgoraSSL_free(der) }
        let spki = Array(UnsafeBufferPointer(start: der, count: Int(length)))
        return Base64.encode(SHA256.hash(spki))
    }

    static func notAfter(of certificate: CertificateHandle) throws -> Date {
        var time = tm()
        try OpenSSL.call("ASN1_TIME_to_tm", code: .invalidCertificate) {
            ASN1_TIME_to_tm(X509_get0_notAfter(certificate.pointer), &time)
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&time)))
    }

    static func generateP256Key() throws -> KeyHandle {
        let context = KeyContextHandle(try OpenSSL.make("EVP_PKEY_CTX_new_id") { EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nil) })
        try OpenSSL.call("EVP_PKEY_keygen_init") { EVP_PKEY_keygen_init(context.pointer) }
        try OpenSSL.call("EVP_PKEY_CTX_set_ec_paramgen_curve_nid") {
            EVP_PKEY_CTX_set_ec_paramgen_curve_nid(context.pointer, NID_X9_62_prime256v1)
        }
        var key: OpaquePointer? = nil
        try OpenSSL.call("EVP_PKEY_keygen") { EVP_PKEY_keygen(context.pointer, &key) }
        return KeyHandle(try OpenSSL.make("EVP_PKEY_keygen") { key })
    }

    private static func requireP256(_ key: KeyHandle) throws {
        var name = [CChar](repeating: 0, count: 64)
        var length = 0
        guard EVP_PKEY_get_base_id(key.pointer) == EVP_PKEY_EC,
              EVP_PKEY_get_group_name(key.pointer, &name, name.count, &length) == 1,
              String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self) == "prime256v1"
        else {
            OpenSSL.clearErrors()
            throw CryptoError(code: .invalidKey, message: "the TLS private key is not an ECDSA P-256 key")
        }
    }
}
