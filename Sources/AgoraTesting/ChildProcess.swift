import Foundation

/// Runs child processes (openssl, curl, python3, the built `agora` binary) for tests without
/// blocking Swift's cooperative pool.
///
/// The pool has one thread per core (two here). A test that calls `waitUntilExit()` on it
/// starves the async handlers of the very server it is talking to, so every wait happens on
/// threads this helper owns, and the test resumes through a continuation. Stdin, stdout and
/// stderr are served concurrently, so a full pipe in either direction cannot deadlock.
public enum ChildProcess {
    /// How a finished child ended and what it printed.
    public struct Result: Sendable {
        /// The exit status; -1 when the process could not be started.
        public var status: Int32
        /// Everything written to stdout.
        public var stdout: [UInt8]
        /// Everything written to stderr (or why the process could not start).
        public var error: String
        /// True when the child was killed because it outlived its timeout.
        public var timedOut: Bool
        /// Stdout decoded as UTF-8.
        public var output: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments` and waits for it off the cooperative pool.
    ///
    /// - Parameters:
    ///   - input: bytes fed to stdin, which is then closed; nil gives an empty stdin.
    ///   - environment: variables set on top of this process's environment.
    ///   - currentDirectory: the child's working directory; nil keeps ours.
    ///   - timeout: when given, the child is killed (SIGKILL) once it has run this long.
    public static func run(_ executable: String, _ arguments: [String], input: [UInt8]? = nil,
                           environment: [String: String]? = nil, currentDirectory: String? = nil,
                           timeout: Duration? = nil) async -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let job = Job(process: process, input: input ?? [])
        return await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: job.runToEnd(timeout: timeout)) }.start()
        }
    }

    /// Runs blocking work (raw sockets, a child) on a thread of its own, never on the cooperative pool.
    public static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    /// The full path of `tool` found on `PATH` (then /usr/bin, /usr/local/bin), or nil.
    public static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/bin"]
        return folders.map { $0 + "/" + tool }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `which(tool)`, or nil after printing a SKIP line; throws instead under `AGORA_REQUIRE_VECTORS=1`,
    /// where CI installs every client the tests compare against.
    public static func tool(_ tool: String, for purpose: String) throws -> String? {
        if let found = which(tool) { return found }
        if ProcessInfo.processInfo.environment[ExternalVectors.requireVariable] == "1" {
            throw MissingTool(tool: tool)
        }
        FileHandle.standardError.write(Data("SKIP: \(tool) not found; \(purpose) not checked\n".utf8))
        return nil
    }

    /// Thrown when a required client is absent under `AGORA_REQUIRE_VECTORS=1`.
    public struct MissingTool: Error, CustomStringConvertible {
        public let tool: String
        public var description: String {
            "\(tool) is required (\(ExternalVectors.requireVariable)=1) but not found on PATH"
        }
    }
}

/// One child and its three pipes, driven from threads it owns.
private final class Job: @unchecked Sendable {
    // @unchecked: `process` is configured before any thread starts; afterwards threads only call
    // its thread-safe members (run, waitUntilExit, isRunning, terminationStatus, processIdentifier).
    // `killed` is only touched under `lock`.
    private let process: Process
    private let input: [UInt8]
    private let lock = NSLock()
    private var killed = false

    init(process: Process, input: [UInt8]) {
        self.process = process
        self.input = input
    }

    /// Starts the child, serves its pipes, waits for it; call on a thread you own.
    func runToEnd(timeout: Duration?) -> ChildProcess.Result {
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        signal(SIGPIPE, SIG_IGN)  // a child that exits without reading its stdin must not kill the tests
        do { try process.run() } catch {
            return ChildProcess.Result(status: -1, stdout: [], error: "\(error)", timedOut: false)
        }
        if let timeout { scheduleKill(after: timeout) }
        let bytes = input
        let finished = DispatchGroup()
        finished.enter()
        Thread {
            if !bytes.isEmpty { try? stdin.fileHandleForWriting.write(contentsOf: bytes) }
            try? stdin.fileHandleForWriting.close()
            finished.leave()
        }.start()
        let errors = ErrorBytes()
        finished.enter()
        Thread {
            errors.set(stderr.fileHandleForReading.readDataToEndOfFile())
            finished.leave()
        }.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        finished.wait()  // this Job's own thread, never the pool
        return ChildProcess.Result(status: process.terminationStatus, stdout: Array(output),
                                   error: String(decoding: errors.get(), as: UTF8.self),
                                   timedOut: lock.withLock { killed })
    }

    private func scheduleKill(after timeout: Duration) {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            guard process.isRunning else { return }
            lock.withLock { killed = true }
            kill(process.processIdentifier, SIGKILL)
        }
    }
}

/// Stderr bytes handed from the reader thread to the waiting one.
private final class ErrorBytes: @unchecked Sendable {
    // @unchecked: `data` is only touched under `lock`.
    private let lock = NSLock()
    private var data = Data()
    func set(_ bytes: Data) { lock.withLock { data = bytes } }
    func get() -> Data { lock.withLock { data } }
}
