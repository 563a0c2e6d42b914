/// An error from AgoraCrypto: what failed, in words a user can act on, and the
/// underlying OpenSSL or system reason when there is one.
///
/// The code is a struct rather than an enum so that new codes never break callers.
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public let code: Code
    /// What went wrong, naming the operation and, for files, the path.
    public let message: String
    /// The OpenSSL error queue (or the system error) at the time of failure, if any.
    public let cause: String?

    /// Creates an error.
    public init(code: Code, message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The message, followed by the cause when there is one.
    public var description: String {
        guard let cause, !cause.isEmpty else { return message }
        return "\(message) (\(cause))"
    }

    /// A stable, machine-readable kind of crypto failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable name of the code, for logs and `--json` output.
        public let name: String

        /// An OpenSSL call failed; `cause` holds OpenSSL's own reason.
        public static let openSSL = Code(name: "openssl")
        /// A key has the wrong length, encoding or type.
        public static let invalidKey = Code(name: "invalid-key")
        /// An Ed25519 public key of small order, refused where keys are registered.
        public static let smallOrderKey = Code(name: "small-order-key")
        /// An argument is outside what the function accepts (a name, a count, a number of days).
        public static let invalidArgument = Code(name: "invalid-argument")
        /// A certificate or PEM document could not be read.
        public static let invalidCertificate = Code(name: "invalid-certificate")
        /// A key file could not be read or written.
        public static let fileError = Code(name: "file-error")
        /// A key file can be read by its group or by others.
        public static let insecureFileMode = Code(name: "insecure-file-mode")

        /// The stable name, as `name`.
        public var description: String { name }
    }
}
