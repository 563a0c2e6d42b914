import AgoraCore
import Foundation

/// The directory that holds one node: `node.json`, keys, TLS identity and database.
///
/// Layout and config format: `docs/NODE-DIRECTORY.md`. This type only knows paths and the
/// config file; ``NodeDirectory/create(config:files:)`` fills a fresh directory atomically.
public struct NodeDirectory: Sendable {
    /// The name of the configuration file inside the directory.
    public static let configFileName = "node.json"
    /// The largest `node.json` read, in bytes.
    public static let maximumConfigBytes = 64 * 1024
    /// The environment variable that names the directory when `--dir` is absent.
    public static let environmentVariable = "AGORA_DIR"
    /// The directory used when neither `--dir` nor `AGORA_DIR` is given, relative to the working directory.
    public static let defaultName = "agora-node"

    /// The directory itself.
    public let root: URL

    /// A node directory at `root` (nothing is read or created).
    public init(root: URL) { self.root = root.standardizedFileURL }

    /// `node.json`.
    public var configURL: URL { root.appendingPathComponent(Self.configFileName) }

    /// Whether `node.json` exists.
    public var isInitialized: Bool { FileManager.default.fileExists(atPath: configURL.path) }

    /// Resolves a path from the config against the directory (absolute paths stay as they are).
    public func url(for relativePath: String) -> URL {
        relativePath.hasPrefix("/") ? URL(fileURLWithPath: relativePath) : root.appendingPathComponent(relativePath)
    }

    /// Reads and checks `node.json`.
    ///
    /// - Throws: ``NodeError`` `.notInitialized` when it is absent, `.invalidConfig` when it is not valid.
    public func loadConfig() throws -> NodeConfig {
        guard isInitialized else {
            throw NodeError(.notInitialized, "\(root.path) is not an Agora node directory (no \(Self.configFileName)); run 'agora init' or pass --dir")
        }
        let bytes = try FileBytes.read(configURL, limit: Self.maximumConfigBytes, what: "the node configuration")
        let json: JSONValue
        do {
            json = try CanonicalJSON.decode(bytes)
        } catch {
            throw NodeError(.invalidConfig, "\(configURL.path): \(error)", cause: error)
        }
        return try NodeConfig(json: json)
    }

    /// The pretty JSON text of a config, as written to `node.json`.
    public static func configText(_ config: NodeConfig) -> String {
        JSONWriter.pretty(config.json) + "\n"
    }

    /// Writes `node.json` atomically (a temporary file renamed over the old one).
    public func writeConfig(_ config: NodeConfig) throws {
        try FileBytes.writeAtomically(Array(Self.configText(config).utf8), to: configURL, mode: 0o644)
    }
}
