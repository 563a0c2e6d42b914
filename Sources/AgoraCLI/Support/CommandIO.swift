import Foundation

/// Somewhere a command writes bytes: standard output, standard error, or a test buffer.
public protocol OutputSink: Sendable {
    /// Writes the bytes as they are.
    func write(_ data: Data)
}

extension OutputSink {
    /// Writes the text as UTF-8, as it is (no newline is added).
    public func write(_ text: String) { write(Data(text.utf8)) }

    /// Writes the text followed by a newline.
    public func line(_ text: String = "") { write(Data((text + "\n").utf8)) }
}

/// An ``OutputSink`` over a file descriptor of this process.
public struct FileHandleSink: OutputSink {
    private let handle: FileHandle

    /// Wraps a file handle, for example `FileHandle.standardOutput`.
    public init(_ handle: FileHandle) { self.handle = handle }

    public func write(_ data: Data) {
        // A closed pipe (`agora search x | head`) must not crash the tool.
        try? handle.write(contentsOf: data)
    }
}

/// An ``OutputSink`` that keeps what was written, for tests.
public final class CapturedOutput: OutputSink, @unchecked Sendable {
    // @unchecked: `bytes` is only touched while `lock` is held.
    private let lock = NSLock()
    private var bytes = Data()

    /// Creates an empty buffer.
    public init() {}

    public func write(_ data: Data) {
        lock.lock()
        bytes.append(data)
        lock.unlock()
    }

    /// Everything written so far.
    public var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return bytes
    }

    /// Everything written so far, decoded as UTF-8.
    public var text: String { String(decoding: data, as: UTF8.self) }
}

/// The outside world of one command run: streams, environment and current directory.
///
/// ``CommandLineTool`` builds it from the process; tests build it from buffers so commands
/// run in-process and their output can be checked.
public struct CommandIO: Sendable {
    /// Reads all of standard input.
    public var readStandardInput: @Sendable () throws -> Data
    /// Standard input as a stream, for inputs too large to read whole (`agora import -`);
    /// nil in tests, where ``readStandardInput`` serves instead.
    public var standardInputHandle: FileHandle?
    /// Standard output.
    public var standardOutput: any OutputSink
    /// Standard error.
    public var standardError: any OutputSink
    /// The environment variables.
    public var environment: [String: String]
    /// The directory relative paths are resolved against.
    public var currentDirectory: URL
    /// Whether standard error is a terminal (progress bars are drawn only then).
    public var isErrorTerminal: Bool
    /// The wall clock, in milliseconds since 1970. Injected so tests can fix it.
    public var now: @Sendable () -> Int64

    /// Creates an IO context from its parts.
    public init(
        readStandardInput: @escaping @Sendable () throws -> Data,
        standardOutput: any OutputSink,
        standardError: any OutputSink,
        environment: [String: String],
        currentDirectory: URL,
        isErrorTerminal: Bool = false,
        standardInputHandle: FileHandle? = nil,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.readStandardInput = readStandardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.isErrorTerminal = isErrorTerminal
        self.standardInputHandle = standardInputHandle
        self.now = now
    }

    /// The IO of this process.
    public static func process() -> CommandIO {
        let environment = ProcessInfo.processInfo.environment
        return CommandIO(
            readStandardInput: { FileHandle.standardInput.readDataToEndOfFile() },
            standardOutput: FileHandleSink(.standardOutput),
            standardError: FileHandleSink(.standardError),
            environment: environment,
            currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            isErrorTerminal: isatty(FileHandle.standardError.fileDescriptor) == 1,
            standardInputHandle: FileHandle.standardInput,
            now: ClockOffset.clock(environment)
        )
    }

    /// Resolves a path given on the command line against ``currentDirectory``.
    public func resolve(_ path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
        if path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] {
            return URL(fileURLWithPath: home + path.dropFirst()).standardizedFileURL
        }
        return currentDirectory.appendingPathComponent(path).standardizedFileURL
    }
}
