public import AgoraCore

/// Answers reconciliation sessions from peers against one set of items, keeping each open
/// session's responder between its messages. At most `maximumSessions` are kept; a new one
/// pushes out the one least recently used, whose next message then fails with `unknown session`.
public actor SyncResponderService {
    /// How many sessions are kept by default.
    public static let defaultMaximumSessions = 16

    private let source: FingerprintTree
    private let sha256: @Sendable ([UInt8]) -> [UInt8]
    private let limits: SyncLimits
    private let maximumSessions: Int
    private var sessions: [String: SyncResponder] = [:]
    private var recency: [String] = []

    /// A service over `items` (in order) with the SHA-256 function `sha256`.
    public init(items: [SyncItem], sha256: @escaping @Sendable ([UInt8]) -> [UInt8], limits: SyncLimits = .standard,
                maximumSessions: Int = SyncResponderService.defaultMaximumSessions) {
        source = FingerprintTree(sorted: items)
        self.sha256 = sha256
        self.limits = limits
        self.maximumSessions = maximumSessions
    }

    /// Adds a stored change to the set this service answers for. O(log n).
    public func insert(_ item: SyncItem) { source.insert(item) }

    /// The answer to `message`, the next message of `session`.
    ///
    /// - Throws: `SyncError` for a refused message (the session is dropped), or
    ///   `SyncServiceError` for a message of a session this service does not hold.
    public func answer(_ message: [UInt8], session: String) throws -> [UInt8] {
        let parsed = try SyncMessage(bytes: message, limits: limits)
        var responder: SyncResponder
        if case .open = parsed {
            responder = SyncResponder(source: source, limits: limits, sha256: sha256)
        } else if let held = sessions[session] {
            responder = held
        } else {
            throw SyncServiceError(message: "unknown session \(session)")
        }
        sessions[session] = nil
        recency.removeAll { $0 == session }
        let reply = try responder.receive(parsed)
        if !responder.isFinished { keep(responder, as: session) }
        return reply.bytes
    }

    /// How many sessions are open.
    public var openSessions: Int { sessions.count }

    private func keep(_ responder: SyncResponder, as session: String) {
        if sessions.count >= maximumSessions, let oldest = recency.first {
            sessions[oldest] = nil
            recency.removeFirst()
        }
        sessions[session] = responder
        recency.append(session)
    }
}

/// A message for a session the responder does not hold (never opened, finished or pushed out).
public struct SyncServiceError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    public var description: String { message }
}
