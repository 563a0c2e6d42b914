import Foundation

/// A certificate and its private key, both PEM. For Agora nodes: a self-signed ECDSA P-256 certificate.
public struct TLSCredentials: Sendable, Equatable {
    /// The certificate, PEM (`-----BEGIN CERTIFICATE-----`).
    public var certificatePEM: String
    /// The private key, PEM (PKCS#8 or SEC1).
    public var privateKeyPEM: String

    /// Credentials from PEM text.
    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }

    /// Credentials read from two PEM files.
    /// - Throws: `TLSError` with code `.certificate` or `.privateKey` naming the file that could not be read.
    public init(certificateFile: String, privateKeyFile: String) throws {
        do {
            certificatePEM = try String(contentsOfFile: certificateFile, encoding: .utf8)
        } catch {
            throw TLSError(code: .certificate, message: "cannot read certificate file \(certificateFile)", cause: error)
        }
        do {
            privateKeyPEM = try String(contentsOfFile: privateKeyFile, encoding: .utf8)
        } catch {
            throw TLSError(code: .privateKey, message: "cannot read private key file \(privateKeyFile)", cause: error)
        }
    }
}

/// A TLS configuration problem: bad certificate or key, or an OpenSSL call that failed.
public struct TLSError: Error, Sendable, CustomStringConvertible {
    /// What failed. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public var description: String { rawValue }
        public static let certificate = Code(rawValue: "certificate")
        public static let privateKey = Code(rawValue: "private-key")
        public static let context = Code(rawValue: "context")
    }

    public let code: Code
    public let message: String
    public let cause: (any Error & Sendable)?

    init(code: Code, message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        "TLS \(code): \(message)" + (cause.map { " (\($0))" } ?? "")
    }
}
