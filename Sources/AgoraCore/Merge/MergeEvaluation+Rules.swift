extension MergeEvaluation {
    /// Whether the merge applies this operation to a record of `kind`; others are listed as unsupported.
    static func isSupported(_ op: Operation, kind: RecordKind) -> Bool {
        switch op {
        case .set(let name, let language, _):
            guard let field = RecordField.named(name), field.applies(to: kind), !field.isSet else { return false }
            return field.isText == (language != nil)
        case .add(let name, _), .remove(let name, _):
            guard let field = RecordField.named(name) else { return false }
            return field.applies(to: kind) && field.isSet
        case .contribute(let entry, let language, _):
            guard let needsLanguage = ContributionEntry.needsLanguage[entry] else { return false }
            return needsLanguage == (language != nil)
        case .delete, .undelete, .redact: return true
        case .unsupported: return false
        }
    }

    /// Why the author city may not write some operation of the change, or `nil` when it may write all.
    /// The owner writes everything; co-authors (final set) content fields and their own entries;
    /// any other member only its own entries.
    func permission(_ change: VerifiedChange) -> ChangeStatus.Outcome? {
        let city = change.header.city
        if city == record.city { return nil }
        let isCoAuthor = coAuthors.contains(city)
        for (i, op) in change.header.operations.enumerated() where MergeEvaluation.isSupported(op, kind: record.kind) {
            let allowed: Bool
            switch op {
            case .contribute: allowed = true
            case .set(let name, _, _), .add(let name, _), .remove(let name, _):
                allowed = isCoAuthor && (RecordField.named(name)?.isContent ?? false)
            default: allowed = false
            }
            if !allowed {
                let role = isCoAuthor ? "a co-author" : "not the owner (`\(record.city)`) nor a co-author"
                let target = op.targetDescription
                return .ineffective(.notPermitted("operation \(i) (\(op.type)\(target)): `\(city)` is \(role)"))
            }
        }
        return nil
    }

    /// Builds the state from the effective changes, in (HLC, id, operation index) order.
    func apply() -> RecordState {
        var registers = MergeRegisters()
        for (i, change) in changes.enumerated() where outcomes[i] == .effective {
            for (n, op) in change.header.operations.enumerated() where MergeEvaluation.isSupported(op, kind: record.kind) {
                registers.apply(op, index: n, of: change)
            }
        }
        var state = RecordState(record: record)
        registers.fill(&state)
        state.changes = changes.enumerated().map { i, change in
            ChangeStatus(id: change.id, city: change.header.city, key: change.header.keyHex, hlc: change.header.hlc,
                         outcome: outcomes[i] ?? .effective,
                         unsupported: change.header.operations.indices.filter {
                             !MergeEvaluation.isSupported(change.header.operations[$0], kind: record.kind)
                         })
        }
        return state
    }
}

/// What effective operations have written so far: later writes replace earlier ones.
struct MergeRegisters {
    var text: [String: [String: JSONValue]] = [:]
    var scalars: [String: JSONValue] = [:]
    var adds: [String: [AddTag: String]] = [:]
    var removed: [String: Set<AddTag>] = [:]
    var entries: [String: [String: JSONValue]] = [:]
    var isDeleted = false

    /// Applies operation `index` of `change` (supported, and the change effective).
    mutating func apply(_ op: Operation, index: Int, of change: VerifiedChange) {
        let body = op.bodyHash.flatMap { change.bodies[$0] } ?? .null
        switch op {
        case .set(let field, let language?, _): text[field, default: [:]][language] = body
        case .set(let field, nil, _): scalars[field] = body
        case .add(let field, _): adds[field, default: [:]][AddTag(change: change.id, index: index)] = body.stringValue
        case .remove(let field, let tags): removed[field, default: []].formUnion(tags)
        case .delete: isDeleted = true
        case .undelete: isDeleted = false
        case .contribute(let entry, let language, _):
            entries[change.header.city, default: [:]][entry + (language.map { "/" + $0 } ?? "")] = body
        case .redact, .unsupported: break
        }
    }

    /// Writes what is present into `state`: nulls and cancelled adds leave nothing behind.
    func fill(_ state: inout RecordState) {
        state.isDeleted = isDeleted
        state.fields = scalars.filter { !$0.value.isNull }
        for (field, languages) in text {
            let present = languages.filter { !$0.value.isNull }
            if !present.isEmpty { state.fields[field] = .object(present) }
        }
        for (field, tags) in adds {
            for (tag, element) in tags where !(removed[field]?.contains(tag) ?? false) {
                state.sets[field, default: [:]][element, default: []].append(tag)
            }
        }
        state.sets = state.sets.mapValues { $0.mapValues { $0.sorted() } }
        state.contributions = entries.compactMapValues { own in
            let present = own.filter { !$0.value.isNull }
            return present.isEmpty ? nil : present
        }
    }
}

extension Operation {
    /// ` field.lang` style detail for messages.
    var targetDescription: String {
        switch self {
        case .set(let f, let l, _): return " " + f + (l.map { "." + $0 } ?? "")
        case .add(let f, _), .remove(let f, _): return " " + f
        case .contribute(let e, let l, _): return " " + e + (l.map { "/" + $0 } ?? "")
        default: return ""
        }
    }
}
