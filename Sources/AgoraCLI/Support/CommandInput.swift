import Foundation

/// Reading the input of a command: a file named on the command line, or standard input.
extension CommandContext {
    /// The largest input a command reads, in bytes (import files are streamed, not read whole).
    public static let maximumInputBytes = 64 * 1024 * 1024

    /// The bytes of `path`, or of standard input when `path` is nil or `-`.
    ///
    /// - Throws: an environment ``CLIError`` (exit 3) naming the file when it cannot be read.
    public func readInput(_ path: String?) throws -> (name: String, bytes: [UInt8]) {
        guard let path, path != "-" else {
            do {
                return ("<stdin>", Array(try io.readStandardInput()))
            } catch {
                throw CLIError.environment("cannot read standard input: \(error)", cause: error)
            }
        }
        let url = io.resolve(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CLIError.environment("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CLIError.environment("\(path): is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw CLIError.environment("\(path): permission denied")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CLIError.environment("\(path): cannot be read", cause: error)
        }
        guard data.count <= Self.maximumInputBytes else {
            throw CLIError.failure("\(path): \(data.count) bytes is over the limit of \(Self.maximumInputBytes) bytes")
        }
        return (path, Array(data))
    }
}
