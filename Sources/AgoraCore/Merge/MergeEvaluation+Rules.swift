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

    /// Why the author city of change `i` may not write some operation of it, or `nil` when it may write all.
    /// The owner writes everything; co-authors (final set) content fields and their own entries;
    /// any other member only its own entries.
    func permission(_ i: Int) -> ChangeStatus.Outcome? {
        let city = changes[i].header.city
        if city == record.city { return nil }
        let isCoAuthor = coAuthors.contains(city)
        for (n, op) in changes[i].header.operations.enumerated() where facts[i][n].isSupported {
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
                return .ineffective(.notPermitted("operation \(n) (\(op.type)\(target)): `\(city)` is \(role)"))
            }
        }
        return nil
    }

    /// Builds the state from the effective changes, in (HLC, id, operation index) order.
    func apply() -> RecordState {
        var registers = MergeRegisters()
        for (i, change) in changes.enumerated() where outcomes[i] == .effective {
            for (n, op) in change.header.operations.enumerated() where facts[i][n].isSupported {
                registers.apply(op, index: n, of: change, body: facts[i][n].body ?? .null)
            }
        }
        var state = RecordState(record: record)
        registers.fill(&state)
        state.changes = changes.enumerated().map { i, change in
            let header = change.header
            return ChangeStatus(id: change.id, city: header.city, key: header.keyHex, hlc: header.hlc,
                                outcome: outcomes[i] ?? .effective,
                                unsupported: facts[i].indices.filter { !facts[i][$0].isSupported })
        }
        return state
    }
}

/// What effective operations have written so far: later writes replace earlier ones.
struct MergeRegisters {
    var text: [String: [String: JSONValue]] = [:]
    var scalars: [String: JSONValue] = [:]
    /// Each set field's adds, in the order applied. A tag names one operation, applied at most once.
    var adds: [String: [(tag: AddTag, element: String)]] = [:]
    var removed: [String: Set<AddTag>] = [:]
    var entries: [String: [String: JSONValue]] = [:]
    var isDeleted = false

    /// Applies operation `index` of `change` (supported, and the change effective), whose body is `body`.
    mutating func apply(_ op: Operation, index: Int, of change: VerifiedChange, body: JSONValue) {
        switch op {
        case .set(let field, let language?, _): text[field, default: [:]][language] = body
        case .set(let field, nil, _): scalars[field] = body
        case .add(let field, _):
            guard let element = body.stringValue else { return }
            adds[field, default: []].append((AddTag(change: change.id, index: index), element))
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
            let cancelled = removed[field] ?? []
            var elements: [String: [AddTag]] = [:]
            for (tag, element) in tags where cancelled.isEmpty || !cancelled.contains(tag) {
                elements[element, default: []].append(tag)
            }
            guard !elements.isEmpty else { continue }
            for index in elements.indices where elements.values[index].count > 1 { elements.values[index].sort() }
            state.sets[field] = elements
        }
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
