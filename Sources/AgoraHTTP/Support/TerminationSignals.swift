import Foundation

/// Waits for SIGTERM or SIGINT so a node can shut its server down gracefully.
///
/// ```swift
/// let signal = await TerminationSignals.wait()
/// await server.shutdown()
/// ```
/// The default actions of both signals are replaced for the whole process.
public enum TerminationSignals {
    /// Suspends until SIGTERM or SIGINT arrives and returns its number.
    public static func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let fired = Locked(false)
            let queue = DispatchQueue(label: "agora.termination-signals")
            var sources: [DispatchSourceSignal] = []
            for number in [SIGTERM, SIGINT] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    guard fired.withLock({ let first = !$0; $0 = true; return first }) else { return }
                    continuation.resume(returning: number)
                }
                source.resume()
                sources.append(source)
            }
            Retained.keep(sources)
        }
    }

    /// Ignores SIGPIPE, so a peer that drops its connection cannot kill the process.
    public static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }
}

/// Keeps signal sources alive for the life of the process.
private enum Retained {
    static let sources = Locked<[DispatchSourceSignal]>([])
    static func keep(_ more: [DispatchSourceSignal]) { sources.withLock { $0 += more } }
}
