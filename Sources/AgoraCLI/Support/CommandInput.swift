import AgoraNode
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

extension CommandContext {
    /// A streaming reader over `path` (or standard input for nil or `-`), with the file's line
    /// count when it is a file (for the progress bar).
    public func openInput(_ path: String?) throws -> (name: String, reader: LineReader, lines: Int?) {
        guard let path, path != "-" else {
            if let handle = io.standardInputHandle { return ("<stdin>", LineReader(handle: handle), nil) }
            let data = try readInput(nil).bytes
            var offset = 0
            let reader = LineReader { count in
                defer { offset = min(data.count, offset + count) }
                return Data(data[offset..<min(data.count, offset + count)])
            }
            return ("<stdin>", reader, nil)
        }
        let url = io.resolve(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CLIError.environment("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CLIError.environment("\(path): is a directory, not a file") }
        guard let counting = FileHandle(forReadingAtPath: url.path), let handle = FileHandle(forReadingAtPath: url.path) else {
            throw CLIError.environment("\(path): permission denied")
        }
        defer { try? counting.close() }
        let lines = try LineReader.countLines(counting)
        return (path, LineReader(handle: handle), lines)
    }
}
