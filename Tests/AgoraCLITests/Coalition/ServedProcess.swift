import AgoraCore
import Foundation

/// One `agora serve` process of a test coalition: the built binary serving a node directory on
/// 127.0.0.1 with its public and federation ports, started and stopped by the test.
///
/// It keeps its ports across restarts (the roster lists the federation port), logs to a file in
/// the coalition's folder, and is killed at deinit if a failing test left it running.
final class ServedProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` and the ports are only touched under `lock`.
    let city: String
    /// The node directory (`--dir`).
    let directory: URL
    let binary: URL
    /// Options added to `agora serve` (the sync engine's), read at each start.
    var options: [String] {
        get { lock.withLock { optionValues } }
        set { lock.withLock { optionValues = newValue } }
    }
    private let lock = NSLock()
    private var optionValues: [String]
    private var process: Process?
    private var ports: (public: UInt16, federation: UInt16)?
    private var pinValue = ""
    private var starts = 0

    init(city: String, directory: URL, binary: URL, options: [String]) {
        self.city = city
        self.optionValues = options
        self.directory = directory
        self.binary = binary
    }

    deinit { kill(signal: SIGKILL) }

    /// The public port (0 before the first start).
    var publicPort: UInt16 { lock.withLock { ports?.public ?? 0 } }
    /// The federation port (0 before the first start).
    var federationPort: UInt16 { lock.withLock { ports?.federation ?? 0 } }
    /// The node's TLS pin (base64, without `sha256//`).
    var pin: String { lock.withLock { pinValue } }
    /// Whether the server runs now.
    var isRunning: Bool { lock.withLock { process?.isRunning ?? false } }
    /// The node's public URL.
    var url: String { "https://127.0.0.1:\(publicPort)" }
    /// The node's federation URL.
    var federationURL: String { "https://127.0.0.1:\(federationPort)" }

    /// Starts `agora serve` (on the ports of its first start, or free ones) and waits up to
    /// `deadline` for its `listening` line.
    func start(deadline: Duration = .seconds(120)) async throws {
        let (publicPort, federationPort) = lock.withLock { (ports?.public ?? 0, ports?.federation ?? 0) }
        let log = lock.withLock { () -> URL in
            starts += 1
            return directory.deletingLastPathComponent().appendingPathComponent("\(city)-serve-\(starts).log")
        }
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let child = Process()
        child.executableURL = binary
        child.arguments = ["serve", "--dir", directory.path, "--public-port", String(publicPort), "--federation-port", String(federationPort)] + options
        child.standardInput = FileHandle.nullDevice
        child.standardOutput = FileHandle.nullDevice
        child.standardError = try FileHandle(forWritingTo: log)
        try child.run()
        lock.withLock { process = child }
        let line = try await Self.listeningLine(in: log, of: child, deadline: deadline)
        guard let port = UInt16(line["url"]?.stringValue?.split(separator: ":").last ?? ""),
              let federation = UInt16(line["federationPort"]?.stringValue ?? ""),
              let pin = line["pin"]?.stringValue?.replacingOccurrences(of: "sha256//", with: "") else {
            throw FixtureError(message: "\(city): no ports or pin in the listening line \(line)")
        }
        lock.withLock {
            ports = (port, federation)
            pinValue = pin
        }
    }

    /// SIGTERM, then waits for the exit (SIGKILL after `deadline`).
    func stop(deadline: Duration = .seconds(60)) async {
        guard let child = lock.withLock({ process }) else { return }
        if child.isRunning { Glibc.kill(child.processIdentifier, SIGTERM) }
        let end = ContinuousClock.now + deadline
        while child.isRunning, ContinuousClock.now < end { try? await Task.sleep(for: .milliseconds(50)) }
        if child.isRunning {
            Glibc.kill(child.processIdentifier, SIGKILL)
            while child.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        }
        lock.withLock { process = nil }
    }

    /// Kills the process at once, if it runs (clean-up after a failure).
    func kill(signal: Int32) {
        lock.withLock {
            if let child = process, child.isRunning { Glibc.kill(child.processIdentifier, signal) }
        }
    }

    /// The first `listening` log line of `log`, polled until `deadline`; throws with the log if
    /// the child exits first.
    static func listeningLine(in log: URL, of child: Process, deadline: Duration) async throws -> JSONValue {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") where line.contains("\"event\":\"listening\"") {
                if let value = try? CanonicalJSON.decode(Array(line.utf8)) { return value }
            }
            guard child.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw FixtureError(message: "agora serve did not start (\(log.lastPathComponent)): \(text)")
    }
}
