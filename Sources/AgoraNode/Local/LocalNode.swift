import AgoraCore
import AgoraCrypto
import AgoraStore
import Foundation

/// One city's node, opened from its directory: config, signing key, key directory and store.
///
/// The CLI's node commands go through it: it turns record documents and edits into signed
/// changes (AgoraCore's publish diff and signer), hands them to the store's single writer,
/// and reads state, history and search results back. See `docs/NODE-DIRECTORY.md`.
public final class LocalNode: Sendable {
    /// The database file's name when the config does not say otherwise.
    public static let databaseFileName = "agora.db"
    /// The largest TLS certificate file read (1 MiB; a PEM certificate is about a kilobyte).
    public static let maximumCertificateBytes = 1_048_576

    /// The directory it was opened from.
    public let directory: NodeDirectory
    /// Its configuration.
    public let config: NodeConfig
    /// Its store.
    public let store: Store
    /// The keys the merge and the verifier trust now: the roster's, plus `keys/directory.json`'s
    /// for keys the roster does not hold (`NodeRoster`).
    public var keyDirectory: KeyDirectory { keys.current }
    /// The live directory the store judges by; the roster replaces it.
    let keys: LiveKeyDirectory
    /// The coalition roster (load it with ``loadRoster()``).
    public let roster: NodeRoster
    /// Changes waiting for a key or a reinstatement.
    public let pending: PendingArea
    /// The city's signing key; nil when opened read-only.
    let signingKey: Ed25519.PrivateKey?
    /// Hashing and Ed25519 for changes.
    let crypto: OpenSSLChangeCryptography
    /// The wall clock in Unix milliseconds.
    let clock: @Sendable () -> Int64

    /// Opens the node in `directory`.
    ///
    /// - Parameters:
    ///   - writable: take the writer lock and load the signing key; readers need neither.
    ///   - clock: the wall clock (Unix ms), a parameter so tests can fix it.
    /// - Throws: ``NodeError`` (not initialized, bad config or key) or `StoreError` (locked, not ours).
    public init(directory: NodeDirectory, writable: Bool,
                clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) throws {
        let config = try directory.loadConfig()
        let crypto = OpenSSLChangeCryptography()
        let keys = try KeyDirectoryFile.read(directory.url(for: KeyDirectoryFile.relativePath), crypto: crypto)
        self.directory = directory
        self.config = config
        self.crypto = crypto
        self.clock = clock
        let live = LiveKeyDirectory(keys)
        self.keys = live
        self.signingKey = writable ? try KeyFile.readEd25519PrivateKey(at: directory.url(for: config.signingKeyPath).path) : nil
        let options = Store.Options.node(
            coalition: config.coalition, keys: live, crypto: crypto, access: writable ? .readWrite : .readOnly,
            maxSkewMilliseconds: UInt64(config.maxClockSkewSeconds) * 1000, clock: clock)
        let store = try Store(path: directory.url(for: config.databasePath).path, options: options)
        self.store = store
        let board = RosterBoard()
        self.pending = PendingArea(store: store, limits: try config.pendingLimits(), keys: live, board: board)
        self.roster = NodeRoster(store: store, coalition: config.coalition, keys: live, fileKeys: keys, pending: pending, board: board)
    }

    /// Reads the roster chain from the store and judges changes by it from now on. The CLI and
    /// `agora serve` call it right after opening the node.
    public func loadRoster() async throws {
        try await roster.load()
    }

    /// Closes the store and releases the writer lock.
    public func close() async {
        await store.close()
    }

    /// A verifier for this node's coalition, key directory and clock skew.
    var verifier: ChangeVerifier { Self.verifier(config, keyDirectory, crypto) }

    static func verifier(_ config: NodeConfig, _ keys: KeyDirectory, _ crypto: any ChangeCryptography) -> ChangeVerifier {
        ChangeVerifier(crypto: crypto, coalition: config.coalition, directory: keys,
                       maxSkewMilliseconds: UInt64(config.maxClockSkewSeconds) * 1000)
    }

    /// The wall clock as the verifier and the HLC take it.
    var wallMilliseconds: UInt64 { UInt64(max(0, clock())) }
}

extension LocalNode {
    /// The SPKI pin of the node's TLS certificate (base64, what follows `sha256//`).
    public func tlsPin() throws -> String {
        let url = directory.url(for: config.tlsCertificatePath)
        let pem = String(decoding: try FileBytes.read(url, limit: Self.maximumCertificateBytes, what: "the TLS certificate"), as: UTF8.self)
        return try TLSIdentity.spkiPin(certificatePEM: pem)
    }

    /// The node's signing public key (hex, as the key directory writes it) and its fingerprint,
    /// when the key was loaded.
    public var signingPublicKey: (hex: String, fingerprint: String)? {
        signingKey.map { (Hex.encode($0.publicKey.rawRepresentation), $0.publicKey.fingerprint) }
    }
}
