/// The state both roles share: the ranges the last message opened, and how to fingerprint and
/// answer them. `SyncInitiator` and `SyncResponder` drive it. See `protocol/SYNC.md`, "Sessions".
struct SyncSession {
    /// A range this side opened with its last message.
    struct OpenRange {
        var lower: SyncKey
        var upper: SyncKey
        /// The items this side listed (the initiator only); `nil` for a fingerprint.
        var listed: [SyncItem]?
        /// Whether this side held no item in the range when it opened it.
        var wasEmpty: Bool
    }

    /// A range the peer opened with the message being answered.
    struct PeerRange {
        enum Payload {
            case fingerprint([UInt8])
            case list([UInt64])
        }
        var lower: SyncKey
        var upper: SyncKey
        var payload: Payload
    }

    let source: any SyncItemSource
    let isInitiator: Bool
    let parameters: SyncParameters
    let fingerprinter: SyncFingerprinter
    let limits: SyncLimits
    let policy: SyncPolicy
    let tagOffset: Int
    /// The ranges this side's last message opened, in order.
    var open: [OpenRange] = []
    /// This side's open ranges the peer put off with `later`: they stay open, first in order.
    var carried: [OpenRange] = []
    /// The peer's ranges this side put off with `later`: it addresses them first next time.
    var pending: [PeerRange] = []
    /// Messages sent and received so far.
    var messages = 0
    /// What the initiator has learnt so far.
    var outcome = SyncOutcome()
    /// The summaries behind `outcome`, for the final check: what the initiator gives and gets.
    var given = SyncSummary.empty
    var gotten = SyncSummary.empty

    init(source: any SyncItemSource, isInitiator: Bool, parameters: SyncParameters, fingerprinter: SyncFingerprinter,
         limits: SyncLimits, policy: SyncPolicy) {
        self.source = source
        self.isInitiator = isInitiator
        self.parameters = parameters
        self.fingerprinter = fingerprinter
        self.limits = limits
        self.policy = policy
        tagOffset = fingerprinter.tagOffset(tagLength: parameters.tagLength)
    }

    func fingerprint(_ summary: SyncSummary, length: Int? = nil) -> [UInt8] {
        fingerprinter.fingerprint(summary, length: length ?? parameters.fingerprintLength)
    }

    func tag(_ id: SyncID) -> UInt64 { id.tag(offset: tagOffset, length: parameters.tagLength) }

    /// Counts one more message, refusing past the limit.
    mutating func count() throws(SyncError) {
        messages += 1
        guard messages <= limits.maximumMessages else {
            throw SyncError(.overLimit, "the session passed \(limits.maximumMessages) messages")
        }
    }

    /// Checks that a message carries the session's parameters.
    func check(_ received: SyncParameters) throws(SyncError) {
        guard received.fingerprintLength == parameters.fingerprintLength else {
            throw SyncError(.fingerprintLength, "\(received.fingerprintLength)-byte fingerprints in a session of \(parameters.fingerprintLength)")
        }
        guard received.tagLength == parameters.tagLength else {
            throw SyncError(.tagLength, "\(received.tagLength)-byte tags in a session of \(parameters.tagLength)")
        }
    }
}
