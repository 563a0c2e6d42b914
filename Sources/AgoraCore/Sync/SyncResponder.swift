/// The side that answers a session: it takes `open` and each later message and returns its
/// reply. It learns nothing of the outcome; the initiator does. A pure state machine.
/// See `protocol/SYNC.md`, "Sessions".
public struct SyncResponder {
    private var session: SyncSession?
    private let source: any SyncItemSource
    private let limits: SyncLimits
    private let policy: SyncPolicy
    private let sha256: @Sendable ([UInt8]) -> [UInt8]
    /// Whether the session is over: the last reply opened no range.
    public private(set) var isFinished = false

    /// A responder over `source`'s items, with the SHA-256 function `sha256`.
    public init(source: any SyncItemSource, limits: SyncLimits = .standard, policy: SyncPolicy = .standard,
                sha256: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        self.source = source
        self.limits = limits
        self.policy = policy
        self.sha256 = sha256
    }

    /// Takes the initiator's message and returns the reply.
    public mutating func receive(_ message: SyncMessage) throws(SyncError) -> SyncMessage {
        guard !isFinished else { throw SyncError(.sessionOver, "a message after the session ended") }
        switch message {
        case .open(let opening):
            guard session == nil else { throw SyncError(.unexpectedKind, "a second open message") }
            return try open(opening)
        case .next(let parameters, let entries):
            guard var current = session else { throw SyncError(.unexpectedKind, "a next message before open") }
            try current.count()
            try current.check(parameters)
            let peerRanges = try current.apply(entries)
            let reply = try respond(&current, to: peerRanges)
            session = current
            return .next(parameters: current.parameters, entries: reply)
        case .equal, .reply:
            throw SyncError(.unexpectedKind, "a responder's message sent to the responder")
        }
    }

    private mutating func open(_ opening: SyncOpening) throws(SyncError) -> SyncMessage {
        let fingerprinter = SyncFingerprinter(nonce: opening.nonce, sha256: sha256)
        var current = SyncSession(source: source, isInitiator: false, parameters: opening.parameters,
                                  fingerprinter: fingerprinter, limits: limits, policy: policy)
        try current.count()
        let lowest = min(source.lowestMilliseconds ?? opening.bound, opening.bound)
        let lower = min(opening.lower, lowest)
        let top = SyncSession.PeerRange(lower: SyncKey(milliseconds: lower), upper: SyncKey(milliseconds: opening.bound),
                                        payload: .fingerprint(opening.fingerprint))
        let mine = source.summary(from: top.lower, to: top.upper)
        let setFingerprint = fingerprinter.fingerprint(mine, length: SyncParameters.setFingerprintLength)
        if setFingerprint == opening.fingerprint {
            isFinished = true
            return .equal
        }
        let entries = try respond(&current, to: [top], headerBytes: 32)
        session = current
        return .reply(SyncReply(parameters: opening.parameters, lower: lower, fingerprint: setFingerprint, entries: entries))
    }

    private mutating func respond(_ current: inout SyncSession, to peerRanges: [SyncSession.PeerRange],
                                  headerBytes: Int = 3) throws(SyncError) -> [SyncEntry] {
        let entries = current.respond(to: peerRanges, budget: policy.messageBudget - headerBytes)
        try current.count()
        if current.open.isEmpty && current.pending.isEmpty { isFinished = true }
        return entries
    }
}
