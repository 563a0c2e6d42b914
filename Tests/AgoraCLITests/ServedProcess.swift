import AgoraTesting
import Foundation

/// `agora serve` running as a real child process on 127.0.0.1, started from the built binary,
/// stopped with SIGTERM. Its JSON log goes to a file; ``start(_:directory:federationPort:environment:)``
/// returns once it has logged `listening`.
final class ServedProcess: @unchecked Sendable {
    // @unchecked: `process` is set once in `start` and then only read.
    let process: Process
    /// The public port's URL and the log file.
    let url: String
    let log: URL

    private init(process: Process, url: String, log: URL) {
        self.process = process
        self.url = url
        self.log = log
    }

    /// Starts `binary serve --dir directory --public-port 0 --federation-port P` with `environment`
    /// on top of ours, and waits (up to 60 s) for its `listening` line.
    static func start(_ binary: URL, directory: URL, federationPort: UInt16, environment: [String: String] = [:]) async throws -> ServedProcess {
        let log = directory.appendingPathComponent("serve-\(UUID().uuidString.prefix(8)).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--dir", directory.path, "--public-port", "0", "--federation-port", String(federationPort)]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<600 {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains(#""event":"listening""#) }),
               let url = line.firstMatch(of: /"url":"([^"]+)"/)?.1 {
                return ServedProcess(process: process, url: String(url), log: log)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw FixtureError(message: "agora serve did not start: " + ((try? String(contentsOf: log, encoding: .utf8)) ?? ""))
    }

    /// Sends SIGTERM and waits for the process to end (off the cooperative pool).
    func stop() async {
        let process = self.process
        process.terminate()
        await ChildProcess.offPool { process.waitUntilExit() }
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read back, closed).
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FixtureError(message: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw FixtureError(message: "cannot bind a free port") }
        return UInt16(bigEndian: address.sin_port)
    }
}
