import AgoraCore
import AgoraCrypto
public import AgoraHTTP
public import AgoraStore
import Foundation

/// What `agora serve` opens from a node directory: the writable ``LocalNode`` (taking the writer
/// lock, so the server sees every write), the TLS credentials and the admin token.
public struct ServedNode: Sendable {
    /// The node, open for writing.
    public let node: LocalNode
    /// The TLS certificate and key of the public port.
    public let credentials: TLSCredentials
    /// The bearer token of the admin API over loopback.
    public let adminToken: String

    /// The node's store.
    public var store: Store { node.store }
    /// The node's configuration.
    public var config: NodeConfig { node.config }

    /// Opens the node in `directory` for serving, with wall clock `clock` (Unix ms; a parameter so
    /// a test can run a node whose clock is off, `AGORA_CLOCK_OFFSET_MS`).
    /// - Throws: ``NodeError`` for a missing or invalid node directory, `StoreError` `locked` when
    ///   another process holds the writer lock, ``ServeError`` for TLS or the token.
    public static func open(_ directory: NodeDirectory,
                            clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) async throws -> ServedNode {
        let node = try LocalNode(directory: directory, writable: true, clock: clock)
        do {
            try await node.loadRoster()
            let config = node.config
            let credentials: TLSCredentials
            do {
                // Read here rather than by TLSCredentials, so that neither file is read through a link.
                let certificate = try FileBytes.read(directory.url(for: config.tlsCertificatePath),
                                                     limit: LocalNode.maximumCertificateBytes, what: "the TLS certificate")
                let key = try KeyFile.readPEM(at: directory.url(for: config.tlsKeyPath).path)
                credentials = TLSCredentials(certificatePEM: String(decoding: certificate, as: UTF8.self), privateKeyPEM: key)
            } catch {
                throw ServeError(.tls, "cannot read the node's TLS certificate and key: \(error)", cause: error)
            }
            let token = try AdminToken.loadOrCreate(in: directory.root.path)
            return ServedNode(node: node, credentials: credentials, adminToken: token)
        } catch {
            await node.close()
            throw error
        }
    }
}
