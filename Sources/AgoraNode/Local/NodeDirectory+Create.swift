import AgoraCore
import AgoraCrypto
import AgoraStore
import Foundation

extension NodeDirectory {
    /// Days of validity of the TLS certificate `agora init` makes.
    public static let initialCertificateDays = 825

    /// Creates a complete node directory at `root`: config, a new signing key (0600), the key
    /// directory, a TLS identity and an empty database.
    ///
    /// Everything is built under a temporary name beside `root` and renamed into place at the
    /// end, so an interrupted `init` leaves no half-made node.
    /// - Parameter tlsNames: the certificate's DNS names and addresses (`localhost` … when empty).
    /// - Throws: ``NodeError`` `.alreadyInitialized` when `root` exists and is not empty.
    public static func create(at root: URL, config: NodeConfig, tlsNames: [String] = []) async throws -> NodeDirectory {
        let fileManager = FileManager.default
        let contents = try? fileManager.contentsOfDirectory(atPath: root.path)
        if fileManager.fileExists(atPath: root.path), contents?.isEmpty != true {
            let what = contents == nil ? "is a file" : "is not empty"
            throw NodeError(.alreadyInitialized, "\(root.path) \(what); 'agora init' only creates a new node directory")
        }
        let parent = root.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(root.lastPathComponent).init-\(getpid())")
        try? fileManager.removeItem(at: staging)
        do {
            try await populate(NodeDirectory(root: staging), config: config, tlsNames: tlsNames)
            if contents != nil { try fileManager.removeItem(at: root) }
            guard rename(staging.path, root.path) == 0 else {
                throw NodeError(.fileSystem, "cannot move the new node into \(root.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
        return NodeDirectory(root: root)
    }

    private static func populate(_ node: NodeDirectory, config: NodeConfig, tlsNames: [String]) async throws {
        try makeDirectory(node.root)
        for sub in ["keys", "tls"] { try makeDirectory(node.root.appendingPathComponent(sub)) }
        let key = try Ed25519.PrivateKey.generate()
        try KeyFile.write(key, to: node.url(for: config.signingKeyPath).path)
        let keys = try KeyDirectoryFile.initial(city: config.cityID, key: key.publicKey)
        try FileBytes.writeAtomically(Array(keys.utf8), to: node.url(for: KeyDirectoryFile.relativePath), mode: 0o644)
        let names = tlsNames.isEmpty ? ["localhost", "127.0.0.1", "::1"] : tlsNames
        let identity = try TLSIdentity.generate(commonName: "agora node \(config.cityID)", subjectAltNames: names,
                                                validDays: initialCertificateDays)
        try KeyFile.write(pem: identity.privateKeyPEM, to: node.url(for: config.tlsKeyPath).path)
        try FileBytes.writeAtomically(Array(identity.certificatePEM.utf8), to: node.url(for: config.tlsCertificatePath), mode: 0o644)
        try node.writeConfig(config)
        let options = Store.Options(merger: CoreMerge(directory: .empty, crypto: OpenSSLChangeCryptography()))
        let store = try Store(path: node.url(for: config.databasePath).path, options: options)
        await store.close()
    }

    private static func makeDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw NodeError(.fileSystem, "\(url.path): cannot create the directory (\(FileBytes.reason(error, fallback: "failed")))", cause: error)
        }
    }
}
