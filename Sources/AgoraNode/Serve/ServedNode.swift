import AgoraCore
import AgoraCrypto
public import AgoraHTTP
public import AgoraStore
import Foundation

/// What `agora serve` opens from a node directory: its config, the store (taking the writer
/// lock, so the server sees every write), the TLS credentials and the admin token.
public struct ServedNode: Sendable {
    /// The node directory.
    public let directory: NodeDirectory
    /// Its configuration.
    public let config: NodeConfig
    /// The store, open for writing.
    public let store: Store
    /// The TLS certificate and key of the public port.
    public let credentials: TLSCredentials
    /// The bearer token of the admin API over loopback.
    public let adminToken: String

    /// The key directory file inside the node directory.
    public static let keyDirectoryPath = "keys/directory.json"
    /// The largest key directory file read.
    public static let maximumKeyDirectoryBytes = 4 << 20

    /// Opens the node in `directory` for serving.
    /// - Throws: ``NodeError`` for a missing or invalid `node.json` or key directory, ``StoreError``
    ///   `locked` when another process holds the writer lock, ``ServeError`` for TLS or the token.
    public static func open(_ directory: NodeDirectory) throws -> ServedNode {
        let config = try directory.loadConfig()
        let crypto = OpenSSLChangeCryptography()
        let keys = try keyDirectory(directory, crypto: crypto)
        let credentials: TLSCredentials
        do {
            credentials = try TLSCredentials(certificateFile: directory.url(for: config.tlsCertificatePath).path,
                                             privateKeyFile: directory.url(for: config.tlsKeyPath).path)
        } catch {
            throw ServeError(.tls, "cannot read the node's TLS certificate and key: \(error)", cause: error)
        }
        let verifier = ChangeVerifier(crypto: crypto, coalition: config.coalition, directory: keys,
                                      maxSkewMilliseconds: UInt64(config.maxClockSkewSeconds) * 1000)
        let options = Store.Options(merger: CoreMerge(directory: keys, crypto: crypto),
                                    verifier: CoreVerifier(verifier: verifier, clock: { UInt64(Date().timeIntervalSince1970 * 1000) }))
        let store = try Store(path: directory.url(for: config.databasePath).path, options: options)
        let token = try AdminToken.loadOrCreate(in: directory.root.path)
        return ServedNode(directory: directory, config: config, store: store, credentials: credentials, adminToken: token)
    }

    static func keyDirectory(_ directory: NodeDirectory, crypto: any ChangeCryptography) throws -> KeyDirectory {
        let url = directory.url(for: keyDirectoryPath)
        guard FileManager.default.fileExists(atPath: url.path) else { return try KeyDirectory([]) }
        let data = try Data(contentsOf: url)
        guard data.count <= maximumKeyDirectoryBytes else {
            throw NodeError(.invalidConfig, "\(url.path) is larger than \(maximumKeyDirectoryBytes) bytes")
        }
        do {
            return try KeyDirectory(json: try CanonicalJSON.decode(Array(data)), crypto: crypto)
        } catch {
            throw NodeError(.invalidConfig, "\(url.path): \(error)", cause: error)
        }
    }
}
