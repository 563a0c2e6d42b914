import AgoraTesting
import Foundation

/// Runs the built `agora` executable as a subprocess, for end-to-end tests.
enum BuiltBinary {
    /// The `agora` binary beside the test bundle, if the build made it.
    static var url: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("agora")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        FileHandle.standardError.write(Data("SKIP: the agora binary was not found beside \(CommandLine.arguments[0])\n".utf8))
        return nil
    }

    /// Runs the binary with `arguments`, feeding `input` on stdin, off the cooperative pool;
    /// returns exit status, stdout, stderr.
    static func run(_ binary: URL, _ arguments: [String], input: Data = Data(), environment: [String: String]? = nil,
                    directory: URL? = nil) async throws -> (status: Int32, out: Data, err: String) {
        let result = await ChildProcess.run(binary.path, arguments, input: Array(input), environment: environment,
                                            currentDirectory: directory?.path)
        return (result.status, Data(result.stdout), result.error)
    }
}
