/// The side that starts a session: it sends `open`, answers each reply, and at the end knows
/// what each side lacks (`outcome`). A pure state machine: bytes in, bytes out.
/// See `protocol/SYNC.md`, "Sessions".
public struct SyncInitiator {
    private var session: SyncSession
    private let opening: SyncOpening
    private var topSummary = SyncSummary.empty
    private var responderFingerprint: [UInt8] = []
    /// The result, once the session is over.
    public private(set) var outcome: SyncOutcome?

    /// A session over `source`'s items below `bound` milliseconds.
    ///
    /// - Parameters:
    ///   - nonce: 8 fresh random bytes.
    ///   - sha256: the SHA-256 function (AgoraCore computes no hashes itself).
    public init(source: any SyncItemSource, bound: UInt64, nonce: [UInt8], parameters: SyncParameters = .default,
                limits: SyncLimits = .standard, policy: SyncPolicy = .standard,
                sha256: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        let bound = min(bound, HLCTimestamp.maxMilliseconds)
        let fingerprinter = SyncFingerprinter(nonce: Array((nonce + [UInt8](repeating: 0, count: 8)).prefix(8)), sha256: sha256)
        session = SyncSession(source: source, isInitiator: true, parameters: parameters, fingerprinter: fingerprinter,
                              limits: limits, policy: policy)
        let lower = min(source.lowestMilliseconds ?? bound, bound)
        let range = SyncSession.OpenRange(lower: SyncKey(milliseconds: lower), upper: SyncKey(milliseconds: bound), listed: nil, wasEmpty: false)
        topSummary = source.summary(from: range.lower, to: range.upper)
        session.open = [SyncSession.OpenRange(lower: range.lower, upper: range.upper, listed: nil, wasEmpty: topSummary.count == 0)]
        opening = SyncOpening(parameters: parameters, nonce: fingerprinter.nonce, bound: bound, lower: lower,
                              fingerprint: fingerprinter.fingerprint(topSummary, length: SyncParameters.setFingerprintLength))
    }

    /// The first message.
    public mutating func start() -> SyncMessage {
        session.messages = 1
        return .open(opening)
    }

    /// Takes the responder's message; returns the next one to send, or `nil` when the session
    /// is over and `outcome` is set.
    public mutating func receive(_ message: SyncMessage) throws(SyncError) -> SyncMessage? {
        guard outcome == nil else { throw SyncError(.sessionOver, "a message after the session ended") }
        try session.count()
        let entries: [SyncEntry]
        switch message {
        case .equal:
            guard session.messages == 2 else { throw SyncError(.unexpectedKind, "an equal message after the first reply") }
            finish(consistent: true)
            return nil
        case .reply(let reply):
            guard session.messages == 2 else { throw SyncError(.unexpectedKind, "a reply message after the first reply") }
            try session.check(reply.parameters)
            guard reply.lower <= opening.lower else {
                throw SyncError(.invalidAction, "the agreed lower bound \(reply.lower) is above the initiator's \(opening.lower)")
            }
            session.open[0].lower = SyncKey(milliseconds: reply.lower)
            responderFingerprint = reply.fingerprint
            entries = reply.entries
        case .next(let parameters, let body):
            guard session.messages > 2 else { throw SyncError(.unexpectedKind, "a next message before the reply") }
            try session.check(parameters)
            entries = body
        case .open:
            throw SyncError(.unexpectedKind, "an open message sent to the initiator")
        }
        let peerRanges = try session.apply(entries)
        let response = session.respond(to: peerRanges, budget: session.policy.messageBudget)
        if response.isEmpty && session.open.isEmpty {
            finish(consistent: nil)
            return nil
        }
        try session.count()
        return .next(parameters: session.parameters, entries: response)
    }

    private mutating func finish(consistent: Bool?) {
        var result = session.outcome
        result.messages = session.messages
        if let consistent {
            result.isConsistent = consistent
        } else {
            let expected = topSummary - session.given + session.gotten
            result.isConsistent = session.fingerprint(expected, length: SyncParameters.setFingerprintLength) == responderFingerprint
        }
        outcome = result
    }
}
