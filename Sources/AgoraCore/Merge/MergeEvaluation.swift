/// The rules of the merge, evaluated in a fixed order: keys, redactions, the owner's changes,
/// the final co-author set, everyone else's changes. See `protocol/PROTOCOL.md`, "Merge".
struct MergeEvaluation {
    let record: RecordID
    let changes: [VerifiedChange]
    let directory: KeyDirectory
    var index: [ChangeID: Int] = [:]
    var outcomes: [ChangeStatus.Outcome?]
    var redactedBy: [ChangeID: [ChangeID]] = [:]
    var coAuthors: Set<String> = []

    init(record: RecordID, changes: [VerifiedChange], directory: KeyDirectory) {
        self.record = record
        self.changes = changes
        self.directory = directory
        self.outcomes = Array(repeating: nil, count: changes.count)
        for (i, change) in changes.enumerated() { index[change.id] = i }
    }

    mutating func evaluate() {
        for (i, change) in changes.enumerated() {
            if let reason = keyReason(change) { outcomes[i] = .ineffective(reason) }
        }
        for (i, change) in changes.enumerated() where outcomes[i] == nil && !change.header.redactedChanges.isEmpty {
            outcomes[i] = redaction(change)
        }
        for (i, change) in changes.enumerated() where redactedBy[change.id] != nil {
            outcomes[i] = .redacted(by: redactedBy[change.id, default: []].sorted())
        }
        for (i, change) in changes.enumerated() where outcomes[i] == nil && change.header.city == record.city {
            outcomes[i] = bodyCheck(change)
        }
        coAuthors = finalCoAuthors()
        for (i, change) in changes.enumerated() where outcomes[i] == nil {
            outcomes[i] = permission(change) ?? bodyCheck(change)
        }
    }

    func keyReason(_ change: VerifiedChange) -> IneffectiveReason? {
        let header = change.header
        guard let entry = directory.entry(for: header.key) else { return .unknownKey(header.keyHex) }
        guard entry.city == header.city else { return .keyCityMismatch(entry.city) }
        switch entry.status {
        case .active: return nil
        case .compromised: return .keyCompromised
        case .retired(let at): return header.hlc > at ? .keyRetired(at) : nil
        }
    }

    mutating func redaction(_ change: VerifiedChange) -> ChangeStatus.Outcome {
        let targets = change.header.redactedChanges.compactMap { index[$0].map { changes[$0] } }
        for target in targets where !RedactionRule.permits(redactor: change.header, target: target.header, directory: directory) {
            return .ineffective(.notPermitted("`\(change.header.city)` may not redact change \(target.id) of `\(target.header.city)`: only its author city or a steward may"))
        }
        for target in targets { redactedBy[target.id, default: []].append(change.id) }
        return .effective
    }

    func bodyCheck(_ change: VerifiedChange) -> ChangeStatus.Outcome {
        for (i, op) in change.header.operations.enumerated() {
            guard let hash = op.bodyHash else { continue }
            guard let body = change.bodies[hash] else { return .ineffective(.missingBody(i)) }
            guard MergeEvaluation.isSupported(op, kind: record.kind) else { continue }
            do { try op.validateBody(body, kind: record.kind, path: "ops[\(i)]") } catch {
                return .ineffective(.invalidBody(error.message))
            }
        }
        return .effective
    }

    func finalCoAuthors() -> Set<String> {
        var adds: [AddTag: String] = [:]
        var removed: Set<AddTag> = []
        for (i, change) in changes.enumerated() where outcomes[i] == .effective && change.header.city == record.city {
            for (n, op) in change.header.operations.enumerated() {
                switch op {
                case .add("coAuthors", let hash): adds[AddTag(change: change.id, index: n)] = change.bodies[hash]?.stringValue
                case .remove("coAuthors", let tags): removed.formUnion(tags)
                default: continue
                }
            }
        }
        return Set(adds.filter { !removed.contains($0.key) }.values)
    }
}
