extension ChangeHeader {
    static let members: Set<String> = ["format", "coalition", "record", "city", "key", "hlc", "ops"]

    static func isMember(_ name: String) -> Bool {
        switch name {
        case "format", "coalition", "record", "city", "key", "hlc", "ops": return true
        default: return false
        }
    }

    /// Parses and checks a header at `path` (schema only: no signature, no directory).
    /// - Throws: `ChangeRejection` `schema-violation` or `oversized`, naming the path.
    public static func parse(_ json: JSONValue, path: String = "header", limits: ChangeLimits = .default) throws(ChangeRejection) -> ChangeHeader {
        guard let o = json.objectValue else { throw .schema(path, "a header object") }
        if o.count != members.count || o.keys.contains(where: { !isMember($0) }) {
            for name in o.keys.sorted() where !members.contains(name) {
                throw .schema("\(path).\(name)", "no such member; a header has " + members.sorted().joined(separator: ", "))
            }
        }
        guard o["format"] == .number(Double(formatVersion)) else { throw .schema("\(path).format", "\(formatVersion)") }
        guard let coalition = o["coalition"]?.stringValue, RecordID.isCityID(coalition) else {
            throw .schema("\(path).coalition", "a coalition id: [a-z][a-z0-9-]{1,39}")
        }
        guard let record = RecordID(o["record"]?.stringValue ?? "") else {
            throw .schema("\(path).record", "a record id <city>/<kind>/<slug>")
        }
        guard let city = o["city"]?.stringValue, RecordID.isCityID(city) else {
            throw .schema("\(path).city", "the author city id: [a-z][a-z0-9-]{1,39}")
        }
        guard let key = Hex.decode(o["key"]?.stringValue ?? "", count: 32) else {
            throw .schema("\(path).key", "an Ed25519 public key, 64 lowercase hex digits")
        }
        guard let hlcJSON = o["hlc"], let hlc = HLCTimestamp(json: hlcJSON) else {
            throw .schema("\(path).hlc", "[milliseconds, counter]: integers in [0, 2^53-1] and [0, 2^32-1]")
        }
        let operations = try parseOperations(o["ops"], path: "\(path).ops", record: record, limits: limits)
        return ChangeHeader(coalition: coalition, record: record, city: city, key: key, hlc: hlc,
                            operations: operations, canonicalBytes: CanonicalJSON.encode(json))
    }

    static func parseOperations(_ json: JSONValue?, path: String, record: RecordID, limits: ChangeLimits) throws(ChangeRejection) -> [Operation] {
        guard let items = json?.arrayValue, !items.isEmpty else { throw .schema(path, "a non-empty array of operations") }
        guard items.count <= limits.maxOperations else {
            throw ChangeRejection(.oversized, "\(items.count) operations; at most \(limits.maxOperations)", path: path)
        }
        var operations: [Operation] = []
        operations.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let opPath = "\(path)[\(i)]"
            let op = try Operation.parse(item, path: opPath, limits: limits)
            try checkTarget(op, kind: record.kind, path: opPath)
            operations.append(op)
        }
        let redactions = operations.filter { if case .redact = $0 { return true } else { return false } }.count
        if redactions > 0 && redactions < operations.count {
            throw .schema(path, "a redaction to hold only `redact` operations")
        }
        return operations
    }

    /// Checks that an operation on a known field or entry fits it. Unknown names pass: the merge
    /// lists them as unsupported, so newer nodes can add fields without splitting the federation.
    static func checkTarget(_ op: Operation, kind: RecordKind, path: String) throws(ChangeRejection) {
        switch op {
        case .set(let name, let language, _):
            guard let field = RecordField.named(name) else { return }
            try checkKind(field, kind, path)
            if field.isSet { throw .schema("\(path).op", "`add` or `remove` for the set field `\(name)`") }
            if field.isText && language == nil { throw .schema("\(path).lang", "a language for the text field `\(name)`") }
            if !field.isText && language != nil { throw .schema("\(path).lang", "no language: `\(name)` is not a text field") }
        case .add(let name, _), .remove(let name, _):
            guard let field = RecordField.named(name) else { return }
            try checkKind(field, kind, path)
            if !field.isSet { throw .schema("\(path).field", "a set field for `\(op.type)`, not `\(name)`") }
        case .contribute(let entry, let language, _):
            guard let needsLanguage = ContributionEntry.needsLanguage[entry] else { return }
            if needsLanguage != (language != nil) {
                throw .schema("\(path).lang", needsLanguage ? "a language for a `\(entry)`" : "no language on an `\(entry)`")
            }
        default: return
        }
    }

    /// Refuses an operation on `id`, `kind` or `city`: the record id fixes them and no operation
    /// writes them (`schema-violation`, at `<path>[i].field`). Verification and signing check it;
    /// reading a stored change back does not, so a change stored before this rule still reads, and
    /// the merge lists such an operation as unsupported. See `protocol/PROTOCOL.md`, "Operations".
    public func checkIdentityFields(path: String = "header.ops") throws(ChangeRejection) {
        for (i, op) in operations.enumerated() {
            switch op {
            case .set(let name, _, _), .add(let name, _), .remove(let name, _):
                guard RecordField.identityMembers.contains(name) else { continue }
                throw .schema("\(path)[\(i)].field", "a field an operation may write; `\(name)` is fixed by the record id")
            default: continue
            }
        }
    }

    static func checkKind(_ field: RecordField, _ kind: RecordKind, _ path: String) throws(ChangeRejection) {
        if !field.applies(to: kind) { throw .schema("\(path).field", "a field of a \(kind.rawValue), not `\(field.name)`") }
    }
}
