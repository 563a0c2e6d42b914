public import AgoraCore

/// The merge as the store calls it: one record's complete change set in, its state out.
///
/// AgoraNode supplies the implementation (AgoraCore's merge with the node's key directory).
/// It must be a pure function of the set of changes: the store relies on that for `rebuild()`.
public protocol RecordMerging: Sendable {
    /// Merges every stored change of `recordID` (ordered by HLC, then id) into its state.
    func merge(recordID: String, changes: [StoredChange]) throws -> MergedRecord
}

/// Parses and checks one change in wire form before it is stored: format, hashes, key, clock
/// skew, signature. The store runs it on every core before the writer takes the batch.
public protocol ChangeVerifying: Sendable {
    /// The change to store, or why it is refused (a stable code and a message).
    func verify(wire: [UInt8]) -> Result<StoredChange, StoreRefusal>
}

/// Why a verifier refused a change.
public struct StoreRefusal: Error, Sendable, Equatable {
    /// A stable code, e.g. `bad-signature`, `future-timestamp`, `missing-body`.
    public var code: String
    /// The precise reason.
    public var message: String
    /// The change id in hex when the header could be read, else empty.
    public var id: String
    /// The record the change names when it could be read, else empty.
    public var recordID: String

    public init(code: String, message: String, id: String = "", recordID: String = "") {
        self.code = code
        self.message = message
        self.id = id
        self.recordID = recordID
    }
}

/// The result of merging one record.
public struct MergedRecord: Sendable {
    /// The state as canonical JSON text: what `record(id)` returns, byte for byte.
    public var canonicalState: String
    /// The same state, parsed, from which the store extracts facets and search text.
    public var state: JSONValue {
        get {
            switch parsed {
            case .json(let json): json
            case .core(let state): state.json
            }
        }
        set { parsed = .json(newValue) }
    }
    /// The changes the merge kept but did not let take effect, with the reason (keyed by change id).
    public var ineffective: [[UInt8]: String]
    /// The changes whose bodies an effective redaction erases.
    public var erased: Set<[UInt8]>

    /// The state as the merge gave it: a JSON tree, or AgoraCore's merged state (read directly,
    /// without building the tree).
    enum Parsed: Sendable {
        case json(JSONValue)
        case core(RecordState)
    }
    var parsed: Parsed

    public init(canonicalState: String, state: JSONValue, ineffective: [[UInt8]: String] = [:], erased: Set<[UInt8]> = []) {
        self.canonicalState = canonicalState
        self.parsed = .json(state)
        self.ineffective = ineffective
        self.erased = erased
    }

    /// The result of AgoraCore's merge: the same as passing `state.json`, without building it.
    init(canonicalState: String, core state: RecordState, ineffective: [[UInt8]: String], erased: Set<[UInt8]>) {
        self.canonicalState = canonicalState
        self.parsed = .core(state)
        self.ineffective = ineffective
        self.erased = erased
    }

    /// The facets and search text of the state.
    var indexEntry: IndexEntry {
        switch parsed {
        case .json(let json): IndexEntry(state: json)
        case .core(let state): IndexEntry(state: state)
        }
    }
}
