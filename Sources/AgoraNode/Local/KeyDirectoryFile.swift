import AgoraCore
import AgoraCrypto
import Foundation

/// The node's key directory file, `keys/directory.json`: which Ed25519 keys belong to which
/// city, in `KeyDirectory`'s JSON form (`protocol/PROTOCOL.md`, "Key directory").
///
/// `agora init` writes it with the node's own key. Until the roster is in place an operator
/// adds peer cities' keys here; a change signed by a key not listed is refused on import.
enum KeyDirectoryFile {
    /// The path inside the node directory.
    static let relativePath = "keys/directory.json"
    /// The largest directory file read, in bytes.
    static let maximumBytes = 4 * 1024 * 1024

    /// Reads the directory, refusing small-order keys.
    static func read(_ url: URL, crypto: any ChangeCryptography) throws -> KeyDirectory {
        let bytes = try FileBytes.read(url, limit: maximumBytes, what: "the key directory")
        do {
            return try KeyDirectory(json: try CanonicalJSON.decode(bytes), crypto: crypto)
        } catch {
            throw NodeError(.invalidConfig, "\(url.path): \(error)", cause: error)
        }
    }

    /// The JSON text of a directory holding one active key of `city`.
    static func initial(city: String, key: Ed25519.PublicKey) throws -> String {
        let directory = try KeyDirectory([KeyDirectory.Entry(key: key.rawRepresentation, city: city)])
        return JSONWriter.pretty(directory.json) + "\n"
    }
}

extension NodeDirectory {
    /// The node's key directory.
    public func keyDirectory() throws -> KeyDirectory {
        try KeyDirectoryFile.read(url(for: KeyDirectoryFile.relativePath), crypto: OpenSSLChangeCryptography())
    }

    /// Adds a city's public key to the key directory (small-order keys and repeats are refused).
    ///
    /// The merge judges stored changes against the directory, so run a rebuild afterwards.
    public func trust(key: [UInt8], city: String, isSteward: Bool = false) throws {
        let current = try keyDirectory()
        guard current.entry(for: key) == nil else {
            throw NodeError(.invalidInput, "key \(Hex.encode(key)) is already in the key directory (for \(current.entry(for: key)?.city ?? "?"))")
        }
        let entries = Array(current.entries.values) + [KeyDirectory.Entry(key: key, city: city, isSteward: isSteward)]
        let updated: KeyDirectory
        do {
            updated = try KeyDirectory(entries, crypto: OpenSSLChangeCryptography())
        } catch {
            throw NodeError(.invalidInput, "\(error)", cause: error)
        }
        let text = JSONWriter.pretty(updated.json) + "\n"
        try FileBytes.writeAtomically(Array(text.utf8), to: url(for: KeyDirectoryFile.relativePath), mode: 0o644)
    }
}
