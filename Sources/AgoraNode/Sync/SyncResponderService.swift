public import AgoraCore
public import AgoraStore

/// Answers reconciliation sessions from peers against one set of items, keeping each open
/// session's responder between its messages. At most `maximumSessions` are kept; a new one
/// pushes out the one least recently used, whose next message then fails with `unknown session`.
public actor SyncResponderService {
    /// How many sessions are kept by default.
    public static let defaultMaximumSessions = 16

    /// The items answered for: a tree of the service's own, or the store's set, which the
    /// store's writer keeps current (each message is answered under the set's lock).
    private enum Source {
        case tree(FingerprintTree)
        case store(SyncItemSet)
    }

    private let source: Source
    private let sha256: @Sendable ([UInt8]) -> [UInt8]
    private let limits: SyncLimits
    private let maximumSessions: Int
    private var sessions: [String: SyncResponder] = [:]
    private var recency: [String] = []

    /// A service over `items` (in order) with the SHA-256 function `sha256`.
    public init(items: [SyncItem], sha256: @escaping @Sendable ([UInt8]) -> [UInt8], limits: SyncLimits = .standard,
                maximumSessions: Int = SyncResponderService.defaultMaximumSessions) {
        source = .tree(FingerprintTree(sorted: items))
        self.sha256 = sha256
        self.limits = limits
        self.maximumSessions = maximumSessions
    }

    /// A service over the store's sync item set (`Store.syncItemSet()`): what the node stores,
    /// as the writer keeps it, with no copy.
    public init(set: SyncItemSet, sha256: @escaping @Sendable ([UInt8]) -> [UInt8], limits: SyncLimits = .standard,
                maximumSessions: Int = SyncResponderService.defaultMaximumSessions) {
        source = .store(set)
        self.sha256 = sha256
        self.limits = limits
        self.maximumSessions = maximumSessions
    }

    /// Adds an item to the set of a service over its own tree, O(log n). A service over the
    /// store's set ignores it: the store's writer keeps that set.
    public func insert(_ item: SyncItem) {
        if case .tree(let tree) = source { tree.insert(item) }
    }

    /// The answer to `message`, the next message of `session`.
    ///
    /// - Throws: `SyncError` for a refused message (the session is dropped), or
    ///   `SyncServiceError` for a message of a session this service does not hold.
    public func answer(_ message: [UInt8], session: String) throws -> [UInt8] {
        let parsed = try SyncMessage(bytes: message, limits: limits)
        switch source {
        case .tree(let tree): return try answer(parsed, session: session, over: tree)
        case .store(let set): return try set.reading { tree in try answer(parsed, session: session, over: tree) }
        }
    }

    private func answer(_ parsed: SyncMessage, session: String, over source: FingerprintTree) throws -> [UInt8] {
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
