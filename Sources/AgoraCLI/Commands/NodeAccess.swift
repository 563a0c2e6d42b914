import AgoraNode
import Foundation

/// Finding and opening the node directory for the node commands.
extension CommandContext {
    /// Opens the node, runs `body` and closes it (releasing the writer lock) whatever happens.
    ///
    /// - Parameter writable: take the writer lock and the signing key (commands that write).
    public func withNode<T: Sendable>(writable: Bool, _ body: (LocalNode) async throws -> T) async throws -> T {
        let node = try LocalNode(directory: nodeDirectory, writable: writable, clock: io.now)
        do {
            try await node.loadRoster()
            let result = try await body(node)
            await node.close()
            return result
        } catch {
            await node.close()
            throw error
        }
    }

    /// A progress reporter on standard error (a bar on a terminal, plain lines otherwise).
    public func progress(_ label: String, total: Int?) -> ProgressReporter {
        ProgressReporter(label: label, total: total, sink: io.standardError, isTerminal: io.isErrorTerminal)
    }

    /// A progress bar on a terminal only, drawn once the work has taken ``ProgressReporter/longWorkMilliseconds``
    /// (a quick export of a few records shows none); off a terminal, nothing but the summary.
    public func progressOfLongWork(_ label: String, total: Int?) -> ProgressReporter {
        ProgressReporter(label: label, total: total, sink: io.standardError, isTerminal: io.isErrorTerminal,
                         onlyOnTerminal: true, after: ProgressReporter.longWorkMilliseconds, clock: io.now)
    }
}
