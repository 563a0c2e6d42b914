/// The rules of the merge, evaluated in a fixed order: keys, redactions, the owner's changes,
/// the final co-author set, everyone else's changes. See `protocol/PROTOCOL.md`, "Merge".
struct MergeEvaluation {
    let record: RecordID
    let changes: [VerifiedChange]
    let directory: KeyDirectory
    /// Each change's operations as the rules see them, looked up once (same indices as `changes`).
    let facts: [[OperationFacts]]
    var outcomes: [ChangeStatus.Outcome?]
    var redactedBy: [ChangeID: [ChangeID]] = [:]
    var coAuthors: Set<String> = []

    init(record: RecordID, changes: [VerifiedChange], directory: KeyDirectory) {
        self.record = record
        self.changes = changes
        self.directory = directory
        self.facts = changes.map { OperationFacts.of($0, kind: record.kind) }
        self.outcomes = Array(repeating: nil, count: changes.count)
    }

    mutating func evaluate() {
        for (i, change) in changes.enumerated() {
            if let reason = directory.ineffectiveReason(forKeyOf: change.header) { outcomes[i] = .ineffective(reason) }
        }
        let redactions = changes.indices.filter { outcomes[$0] == nil && facts[$0].contains(where: \.isRedaction) }
        if !redactions.isEmpty {
            let index = Dictionary(changes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { _, last in last })
            for i in redactions { outcomes[i] = redaction(changes[i], index: index) }
            for (i, change) in changes.enumerated() where redactedBy[change.id] != nil {
                outcomes[i] = .redacted(by: redactedBy[change.id, default: []].sorted())
            }
        }
        for (i, change) in changes.enumerated() where outcomes[i] == nil && change.header.city == record.city {
            outcomes[i] = bodyCheck(i)
        }
        coAuthors = finalCoAuthors()
        for i in changes.indices where outcomes[i] == nil {
            outcomes[i] = permission(i) ?? bodyCheck(i)
        }
    }

    /// Step 2 for the redaction `change` (its key passed): every present target it may redact
    /// becomes redacted by it, whatever else it names, so whether a change is redacted depends only
    /// on that change, its redactions and the directory. The redaction itself is ineffective
    /// (`not-permitted`) when it names a present target it may not redact.
    mutating func redaction(_ change: VerifiedChange, index: [ChangeID: Int]) -> ChangeStatus.Outcome {
        let targets = change.header.redactedChanges.compactMap { index[$0].map { changes[$0] } }
        var outcome = ChangeStatus.Outcome.effective
        for target in targets {
            if RedactionRule.permits(redactor: change.header, target: target.header, directory: directory) {
                redactedBy[target.id, default: []].append(change.id)
            } else if outcome == .effective {
                outcome = .ineffective(.notPermitted("`\(change.header.city)` may not redact change \(target.id) of `\(target.header.city)`: only its author city or a steward may"))
            }
        }
        return outcome
    }

    /// Whether every body a supported operation of change `i` names is present and fits its field,
    /// and no operation makes the owner adopt its own record or list itself as a co-author.
    /// Operations are checked in index order; the first fault decides. An unsupported operation's
    /// body is never read, so its absence does not count here (a copy without it is not in the
    /// set at all, 5.3 and 5.6).
    func bodyCheck(_ i: Int) -> ChangeStatus.Outcome {
        let header = changes[i].header
        for (n, fact) in facts[i].enumerated() where fact.namesBody && fact.isSupported {
            guard let body = fact.body else { return .ineffective(.missingBody(n)) }
            let op = header.operations[n]
            // The path only shapes the error message: build it when there is one.
            do { try op.validateBody(body, record: record, author: header.city, path: "") } catch {
                do { try op.validateBody(body, record: record, author: header.city, path: "ops[\(n)]") } catch {
                    return .ineffective(.invalidBody(error.message))
                }
            }
            if let why = ownerSelfReference(op, body: body, author: header.city) {
                return .ineffective(.notPermitted("operation \(n) (\(op.type)\(op.targetDescription)): \(why)"))
            }
        }
        return .effective
    }

    /// Why `op` is not permitted although its author may write its kind of operation: the owner
    /// does not adopt its own record, nor list itself in `coAuthors`. `nil` otherwise.
    func ownerSelfReference(_ op: Operation, body: JSONValue, author: String) -> String? {
        guard author == record.city else { return nil }
        switch op {
        case .contribute("adoption", _, _): return "`\(author)` owns the record; a city does not adopt its own record"
        case .add("coAuthors", _) where body.stringValue == author: return "`\(author)` owns the record; the owner is not its own co-author"
        default: return nil
        }
    }

    func finalCoAuthors() -> Set<String> {
        var adds: [AddTag: String] = [:]
        var removed: Set<AddTag> = []
        for (i, change) in changes.enumerated() where outcomes[i] == .effective && change.header.city == record.city {
            for (n, op) in change.header.operations.enumerated() {
                switch op {
                case .add("coAuthors", _): adds[AddTag(change: change.id, index: n)] = facts[i][n].body?.stringValue
                case .remove("coAuthors", let tags): removed.formUnion(tags)
                default: continue
                }
            }
        }
        return Set(adds.filter { !removed.contains($0.key) }.values)
    }
}

/// What the rules need of one operation: whether the merge supports it, and its body.
struct OperationFacts {
    /// Whether the merge applies it to this record's kind (`MergeEvaluation.isSupported`).
    let isSupported: Bool
    /// Whether it names a body.
    let namesBody: Bool
    /// Whether it is a `redact`.
    let isRedaction: Bool
    /// The body it names, when the change holds it.
    let body: JSONValue?

    /// The facts of each operation of `change`, in order.
    static func of(_ change: VerifiedChange, kind: RecordKind) -> [OperationFacts] {
        let bodies = change.bodies
        return change.header.operations.map { op in
            let hash = op.bodyHash
            var isRedaction = false
            if case .redact = op { isRedaction = true }
            return OperationFacts(isSupported: MergeEvaluation.isSupported(op, kind: kind), namesBody: hash != nil,
                                  isRedaction: isRedaction, body: hash.flatMap { bodies[$0] })
        }
    }
}
