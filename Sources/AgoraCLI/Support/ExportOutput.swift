import Foundation

/// Where `agora export` writes: standard output, or a file written under a temporary name and
/// renamed into place only when complete (a failed export leaves no partial file).
final class ExportOutput: @unchecked Sendable {
    // @unchecked: used by the one command run that made it, from its own task only.
    let name: String
    let isFile: Bool
    private let sink: any OutputSink
    private let handle: FileHandle?
    private let temporary: URL?
    private let destination: URL?

    init(path: String?, context: CommandContext) throws {
        guard let path, path != "-" else {
            (name, isFile, sink, handle, temporary, destination) = ("<stdout>", false, context.out, nil, nil, nil)
            return
        }
        let url = context.io.resolve(path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw CLIError.environment("\(path): cannot be written (\(String(cString: strerror(errno))))")
        }
        (name, isFile, self.handle, self.temporary, destination) = (path, true, handle, temporary, url)
        sink = FileHandleSink(handle)
    }

    func write(_ bytes: [UInt8]) throws {
        guard let handle else { sink.write(Data(bytes)); return }
        do {
            try handle.write(contentsOf: Data(bytes))
        } catch {
            throw CLIError.environment("\(name): cannot be written (disk full or read-only?)", cause: error)
        }
    }

    func commit() throws {
        guard let handle, let temporary, let destination else { return }
        try handle.synchronize()
        try handle.close()
        guard rename(temporary.path, destination.path) == 0 else {
            throw CLIError.environment("\(name): cannot be written (\(String(cString: strerror(errno))))")
        }
    }

    func discard() {
        try? handle?.close()
        if let temporary { try? FileManager.default.removeItem(at: temporary) }
    }
}
