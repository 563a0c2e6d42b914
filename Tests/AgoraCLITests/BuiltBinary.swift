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

    /// Runs the binary with `arguments`, feeding `input` on stdin; returns exit status, stdout, stderr.
    static func run(_ binary: URL, _ arguments: [String], input: Data = Data(), environment: [String: String]? = nil,
                    directory: URL? = nil) throws -> (status: Int32, out: Data, err: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        if let directory { process.currentDirectoryURL = directory }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write and read on separate threads so a large input or output cannot deadlock the pipes.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errBox = DataBox()
        let errReader = Thread { errBox.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errBox.isSet { usleep(1000) }
        return (process.terminationStatus, out, String(decoding: errBox.data, as: UTF8.self))
    }
}

/// A hand-off slot for bytes read on another thread.
private final class DataBox: @unchecked Sendable {
    // @unchecked: written once by the reader thread under `lock`, read under `lock`.
    private let lock = NSLock()
    private var stored = Data()
    private var set = false
    var data: Data {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; set = true; lock.unlock() }
    }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return set }
}
