public import AgoraCrypto
import AgoraCore
import Foundation

/// The web catalog's staff accounts: `web-users.json` in the node directory (mode 0600), one
/// scrypt hash per person (``PasswordHash``). `agora users add/remove/passwd` edit it, also
/// while the server runs; the server reads it again whenever it changed. See `docs/WEB.md`,
/// "Staff accounts".
public struct StaffAccounts: Sendable, Equatable {
    /// The file's name in the node directory.
    public static let fileName = "web-users.json"

    /// Password hashes by user name.
    public private(set) var hashes: [String: String]

    /// No accounts.
    public init() { hashes = [:] }

    /// Whether `name` can be a user name: 2 to 32 of `a-z 0-9 . _ -`, starting with a letter.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (2...32).contains(bytes.count), let first = bytes.first, (0x61...0x7A).contains(first) else { return false }
        return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    /// Adds or replaces the password of `name`.
    /// - Throws: ``NodeError`` for an invalid name; `CryptoError` for a password outside the limits.
    public mutating func setPassword(_ password: String, for name: String, cost: PasswordHash.Cost = .standard) throws {
        guard Self.isValidName(name) else {
            throw NodeError(.invalidInput, "'\(name)' cannot be a user name: use 2 to 32 of a-z 0-9 . _ -, starting with a letter")
        }
        hashes[name] = try PasswordHash.make(password, cost: cost).encoded
    }

    /// Removes `name`; false when there was no such user.
    public mutating func remove(_ name: String) -> Bool { hashes.removeValue(forKey: name) != nil }

    /// Whether `password` is `name`'s (false for an unknown user, after the same work as a known one).
    public func authenticate(_ name: String, _ password: String) -> Bool {
        guard let encoded = hashes[name], let hash = PasswordHash(encoded: encoded) else {
            _ = Self.decoy?.matches(password)  // an unknown name costs as much as a wrong password
            return false
        }
        return hash.matches(password)
    }

    /// A hash no password matches, so an unknown user name costs one scrypt like a known one.
    private static let decoy: PasswordHash? = PasswordHash(encoded: "scrypt$15$8$1$" + String(repeating: "00", count: 16) + "$"
                                                           + String(repeating: "00", count: 32))

    /// Reads the file in `directory`; no file means no accounts.
    public static func load(from directory: URL) throws -> StaffAccounts {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return StaffAccounts() }
        let json: JSONValue
        do {
            json = try CanonicalJSON.decode(Array(try Data(contentsOf: url)))
        } catch {
            throw NodeError(.invalidConfig, "\(url.path) is not a valid accounts file: \(error)")
        }
        var accounts = StaffAccounts()
        for (name, entry) in json["users"]?.objectValue ?? [:] {
            guard isValidName(name), let hash = entry["hash"]?.stringValue, PasswordHash(encoded: hash) != nil else {
                throw NodeError(.invalidConfig, "\(url.path): the entry '\(name)' is not a user name with an scrypt hash")
            }
            accounts.hashes[name] = hash
        }
        return accounts
    }

    /// Writes the file in `directory` with mode 0600, replacing it atomically.
    public func save(to directory: URL) throws {
        let users = hashes.mapValues { JSONValue.object(["hash": .string($0)]) }
        let bytes = CanonicalJSON.encode(.object(["format": .number(1), "users": .object(users)])) + [0x0A]
        let url = directory.appendingPathComponent(Self.fileName)
        let temporary = directory.appendingPathComponent(Self.fileName + ".tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw NodeError(.fileSystem, "cannot write \(temporary.path)")
        }
        guard rename(temporary.path, url.path) == 0 else { throw NodeError(.fileSystem, "cannot replace \(url.path)") }
    }
}
