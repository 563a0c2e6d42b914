import Foundation

/// Locates the external test vectors in `../shared/vectors/` beside the project.
///
/// They are not copied into the project. Where the folder is absent (a user's own
/// clone) a test that needs them skips with a clear message; `.ci/run` sets
/// `AGORA_REQUIRE_VECTORS=1`, which turns that skip into a failure.
public enum ExternalVectors {
    /// The environment variable that makes missing vectors a failure.
    public static let requireVariable = "AGORA_REQUIRE_VECTORS"

    /// The project root: the folder that holds `Package.swift`.
    public static var projectRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// `../shared/vectors/<relativePath>`, if it exists.
    ///
    /// - Returns: the URL, or `nil` when the vectors are absent and not required.
    /// - Throws: `MissingVectors` when they are absent and `AGORA_REQUIRE_VECTORS=1`.
    public static func url(_ relativePath: String) throws -> URL? {
        let url = projectRoot
            .deletingLastPathComponent()
            .appendingPathComponent("shared/vectors")
            .appendingPathComponent(relativePath)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        if ProcessInfo.processInfo.environment[requireVariable] == "1" {
            throw MissingVectors(path: url.path)
        }
        FileHandle.standardError.write(Data(
            "SKIP: external test vectors not found at \(url.path); set \(requireVariable)=1 to fail instead\n".utf8))
        return nil
    }

    /// Thrown when vectors are required but absent.
    public struct MissingVectors: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "external test vectors are required (\(ExternalVectors.requireVariable)=1) but missing at \(path)"
        }
    }
}
