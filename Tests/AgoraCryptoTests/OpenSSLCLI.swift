import AgoraTesting
import Foundation

/// Runs the real `openssl` command-line tool, when it is installed, so tests can check
/// AgoraCrypto's output the way an operator would.
enum OpenSSLCLI {
    static let path: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs a shell pipeline (`openssl` resolved to `path`), returning stdout; nil when
    /// openssl is absent. Throws when the pipeline fails.
    static func run(_ pipeline: String, in directory: URL) async throws -> Data? {
        guard let path else {
            FileHandle.standardError.write(Data("SKIP: openssl CLI not found\n".utf8))
            return nil
        }
        let result = await ChildProcess.run("/bin/bash", ["-o", "pipefail", "-c", pipeline.replacingOccurrences(of: "openssl ", with: path + " ")],
                                            currentDirectory: directory.path)
        guard result.status == 0 else {
            throw CLIFailure(pipeline: pipeline, status: result.status, stderr: result.error)
        }
        return Data(result.stdout)
    }

    struct CLIFailure: Error, CustomStringConvertible {
        let pipeline: String, status: Int32, stderr: String
        var description: String { "`\(pipeline)` exited \(status): \(stderr)" }
    }
}

/// A fresh temporary directory for one test, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("agora-crypto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
