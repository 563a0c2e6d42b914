public import AgoraCore

/// The merge as the store calls it: one record's complete change set in, its state out.
///
/// AgoraNode supplies the implementation (AgoraCore's merge with the node's key directory).
/// It must be a pure function of the set of changes: the store relies on that for `rebuild()`.
public protocol RecordMerging: Sendable {
    /// Merges every stored change of `recordID` (ordered by HLC, then id) into its state.
    func merge(recordID: String, changes: [StoredChange]) throws -> MergedRecord
}

/// Checks a change before it is stored: signature, format, clock skew.
///
/// The store runs it on every core before the writer takes the batch.
public protocol ChangeVerifying: Sendable {
    /// Returns nil when the change may be stored, or the reason to refuse it.
    func refusal(for change: StoredChange) -> String?
}

/// The result of merging one record.
public struct MergedRecord: Sendable {
    /// The state as canonical JSON text: what `record(id)` returns, byte for byte.
    public var canonicalState: String
    /// The same state, parsed, from which the store extracts facets and search text.
    public var state: JSONValue
    /// The changes the merge kept but did not let take effect, with the reason (keyed by change id).
    public var ineffective: [[UInt8]: String]
    /// The changes whose bodies an effective redaction erases.
    public var erased: Set<[UInt8]>

    public init(canonicalState: String, state: JSONValue, ineffective: [[UInt8]: String] = [:], erased: Set<[UInt8]> = []) {
        self.canonicalState = canonicalState
        self.state = state
        self.ineffective = ineffective
        self.erased = erased
    }
}
