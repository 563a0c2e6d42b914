/// `publish` semantics: the operations that turn a record's current state into a complete document.
///
/// Only what differs is written: changed values, `null` for fields and languages the document
/// no longer has, `add` for new set elements and `remove` (naming every live add) for elements
/// it no longer has. The `deleted` flag and contributions are left alone.
/// See `protocol/PROTOCOL.md`, "Publish".
public enum RecordPublisher {
    /// The operations, in field-table order, languages and elements sorted. Empty when nothing differs.
    public static func operations(for document: RecordDocument, from state: RecordState) -> [UnsignedOperation] {
        var ops: [UnsignedOperation] = []
        for field in RecordField.all where field.applies(to: document.kind) {
            let wanted = document.fields[field.name]
            switch field.type {
            case .text: ops += textOperations(field.name, wanted: wanted, current: state.fields[field.name])
            case .set: ops += setOperations(field.name, wanted: wanted, current: state.sets[field.name] ?? [:])
            default:
                let current = state.fields[field.name]
                if wanted != current { ops.append(.set(field: field.name, language: nil, value: wanted ?? .null)) }
            }
        }
        return ops
    }

    /// The unsigned change that publishes `document` over `state`, or `nil` when nothing differs.
    public static func change(for document: RecordDocument, from state: RecordState, coalition: String,
                              city: String, hlc: HLCTimestamp) -> UnsignedChange? {
        let ops = operations(for: document, from: state)
        if ops.isEmpty { return nil }
        return UnsignedChange(coalition: coalition, record: document.id, city: city, hlc: hlc, operations: ops)
    }

    /// Sorted by UTF-8 bytes, the order `protocol/PROTOCOL.md` fixes.
    static func utf8Sorted<S: Sequence>(_ strings: S) -> [String] where S.Element == String {
        strings.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    static func textOperations(_ field: String, wanted: JSONValue?, current: JSONValue?) -> [UnsignedOperation] {
        let want = wanted?.objectValue ?? [:]
        let have = current?.objectValue ?? [:]
        return utf8Sorted(Set(want.keys).union(have.keys)).compactMap { language in
            let value = want[language] ?? .null
            return value == (have[language] ?? .null) ? nil : .set(field: field, language: language, value: value)
        }
    }

    static func setOperations(_ field: String, wanted: JSONValue?, current: [String: [AddTag]]) -> [UnsignedOperation] {
        let want = Set((wanted?.arrayValue ?? []).compactMap(\.stringValue))
        var ops: [UnsignedOperation] = utf8Sorted(want.subtracting(current.keys)).map { .add(field: field, value: .string($0)) }
        for element in utf8Sorted(current.keys) where !want.contains(element) {
            let tags = current[element] ?? []
            stride(from: 0, to: tags.count, by: ChangeLimits.defaultMaxRemovedTags).forEach { start in
                let chunk = Array(tags[start..<min(start + ChangeLimits.defaultMaxRemovedTags, tags.count)])
                ops.append(.remove(field: field, adds: chunk))
            }
        }
        return ops
    }
}
