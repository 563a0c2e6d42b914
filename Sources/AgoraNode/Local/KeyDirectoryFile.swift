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
        let bytes = try FileBytes.read(url, limit: maximumBytes)
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
