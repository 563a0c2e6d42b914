import Foundation

/// Private key files: PEM text in a file that only its owner can read.
///
/// Writing creates a new file with mode 0600 from the start (never a chmod afterwards),
/// then moves it into place, so no other user can ever open a half-written or
/// loosely-permitted key. Reading refuses a file that its group or others could read,
/// as OpenSSH does. See `docs/KEYS.md`.
public enum KeyFile {
    /// The mode of every key file written: read and write for the owner only.
    public static let mode: mode_t = 0o600
    /// Permission bits a key file must not have: any access for group or others.
    public static let forbiddenModeBits: mode_t = 0o077
    /// The largest key file read (64 KiB); a PEM key is a few hundred bytes.
    public static let maximumByteCount = 64 * 1024

    /// Writes `key` as PKCS#8 PEM to `path` with mode 0600.
    ///
    /// - Parameter replacing: replace an existing file; by default an existing key is
    ///   never overwritten, so a mistaken command cannot destroy a city's key.
    public static func write(_ key: Ed25519.PrivateKey, to path: String, replacing: Bool = false) throws {
        try write(pem: key.pemRepresentation(), to: path, replacing: replacing)
    }

    /// Reads the Ed25519 private key in `path`, after checking the file's mode.
    public static func readEd25519PrivateKey(at path: String) throws -> Ed25519.PrivateKey {
        let text = try readPEM(at: path)
        do {
            return try Ed25519.PrivateKey(pemRepresentation: text)
        } catch let error as CryptoError {
            throw CryptoError(code: error.code, message: "\(path): \(error.message)", cause: error.cause)
        }
    }

    /// Writes PEM text (for example `TLSIdentity.privateKeyPEM`) to `path` with mode 0600.
    public static func write(pem: String, to path: String, replacing: Bool = false) throws {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try PosixFile.createExclusive(at: temporary, mode: mode, contents: Array(pem.utf8))
        defer { unlink(temporary) }
        if replacing {
            try PosixFile.check(rename(temporary, path), "replace", path)
        } else {
            // link(2) fails with EEXIST instead of replacing, atomically.
            try PosixFile.check(link(temporary, path), "create", path)
        }
        PosixFile.syncDirectory(of: path)
    }

    /// Reads PEM text from `path`.
    ///
    /// - Throws: `CryptoError` `.insecureFileMode` when group or others may access the
    ///   file, naming the file, its mode and the fix; `.fileError` when it cannot be read.
    public static func readPEM(at path: String) throws -> String {
        let bytes = try PosixFile.read(at: path, maximumByteCount: maximumByteCount) { status in
            let permissions = status.st_mode & 0o7777
            guard permissions & forbiddenModeBits == 0 else {
                throw CryptoError(
                    code: .insecureFileMode,
                    message: "key file \(path) has mode \(String(permissions, radix: 8).leftPadded(to: 4)),"
                        + " which lets its group or others read it; fix it with: chmod 600 \(path)")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
