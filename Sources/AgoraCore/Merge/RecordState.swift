/// The merged state of one record: a pure function of the set of its changes and the key directory.
///
/// Its canonical JSON (`canonicalJSON`) is byte-identical on every node that holds the same
/// changes. See `protocol/PROTOCOL.md`, "State".
public struct RecordState: Sendable, Hashable {
    /// The record.
    public let record: RecordID
    /// The `deleted` flag (last writer wins between delete and undelete).
    public internal(set) var isDeleted = false
    /// Each present non-set field: a language map for text fields, the value otherwise.
    public internal(set) var fields: [String: JSONValue] = [:]
    /// Each set field's present elements, with the live add tags that keep each one present.
    public internal(set) var sets: [String: [String: [AddTag]]] = [:]
    /// Contribution entries by city, then entry key (`adoption`, `translation/<lang>`).
    public internal(set) var contributions: [String: [String: JSONValue]] = [:]
    /// Every change, ordered by (HLC, id), with what the merge made of it.
    public internal(set) var changes: [ChangeStatus] = []

    /// The state of a record with no changes.
    public init(record: RecordID) { self.record = record }

    /// The owner city.
    public var owner: String { record.city }

    /// The stamp of the latest effective change, if any.
    public var updated: HLCTimestamp? { changes.last(where: \.isEffective)?.hlc }

    /// Whether some effective change wrote to the record.
    public var exists: Bool { changes.contains(where: \.isEffective) }

    /// The elements of a set field, sorted.
    public func elements(_ field: String) -> [String] { (sets[field] ?? [:]).keys.sorted() }

    /// The final co-author set.
    public var coAuthors: Set<String> { Set(elements("coAuthors")) }

    /// The status of one change, if the state holds it.
    public func status(of id: ChangeID) -> ChangeStatus? { changes.first { $0.id == id } }
}
