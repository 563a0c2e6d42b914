import AgoraCrypto
import AgoraStore
import Foundation

/// The bearer token of the admin API over loopback: `admin.token` in the node directory, 64 hex
/// characters, mode 0600. `agora serve` creates it on first start and keeps it afterwards.
public enum AdminToken {
    /// The file name inside the node directory.
    public static let fileName = "admin.token"
    /// Random bytes in a token.
    public static let byteCount = 32

    /// The token in `directory`, created if absent.
    /// - Throws: ``ServeError`` `adminToken` when the file cannot be written, is malformed, or is
    ///   readable by group or others.
    public static func loadOrCreate(in directory: String) throws(ServeError) -> String {
        let path = (directory as NSString).appendingPathComponent(fileName)
        var info = stat()
        if lstat(path, &info) == 0 { return try read(path) }
        do {
            let token = try SecureRandom.bytes(count: byteCount).map { String(format: "%02x", $0) }.joined()
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard fd >= 0 else { throw ServeError(.adminToken, "cannot create \(path): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            let bytes = Array((token + "\n").utf8)
            guard write(fd, bytes, bytes.count) == bytes.count else { throw ServeError(.adminToken, "cannot write \(path)") }
            return token
        } catch let error as ServeError {
            throw error
        } catch {
            throw ServeError(.adminToken, "cannot make an admin token: \(error)", cause: error)
        }
    }

    static func read(_ path: String) throws(ServeError) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw ServeError(.adminToken, "cannot read \(path)") }
        guard info.st_mode & S_IFMT != S_IFREG || info.st_mode & 0o077 == 0 else {
            throw ServeError(.adminToken, "\(path) is readable by others; run: chmod 600 \(path)")
        }
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(path, limit: 4096, what: "the admin token")
        } catch {
            throw ServeError(.adminToken, error.message, cause: error)
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count == byteCount * 2, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw ServeError(.adminToken, "\(path) does not hold a token of \(byteCount * 2) hex digits; delete it to make a new one")
        }
        return text
    }
}

/// Why the node server could not start.
public struct ServeError: Error, Sendable, CustomStringConvertible {
    /// What failed. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public var description: String { rawValue }
        /// The admin token file is unusable.
        public static let adminToken = Code(rawValue: "admin-token")
        /// The TLS certificate or key is unusable.
        public static let tls = Code(rawValue: "tls")
        /// A listener could not be bound (port in use, socket path).
        public static let listen = Code(rawValue: "listen")
    }

    /// What failed.
    public let code: Code
    /// What went wrong, for people.
    public let message: String
    /// The underlying error, if any.
    public let cause: (any Error & Sendable)?

    init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { message }
}
