/// The fast path of `SignedChange.parse`: a change already known to be canonical is read
/// straight from the parser's tape. No `JSONValue` is built for the wire object or the
/// header, and the canonical bytes of the header and of each body are the input's own bytes,
/// so nothing is encoded again.
///
/// Every check is the one the `JSONValue` path makes, in the same order; on any fault the
/// reader answers nil and the caller takes that path, which names the fault. So both paths
/// accept the same changes and reject the others with the same rejection.
extension SignedChange {
    static func read(_ tape: JSONTapeReader, limits: ChangeLimits) -> SignedChange? {
        let root = tape.nodes[0]
        guard root.kind == .object, root.b == 3 else { return nil }
        let names = tape.members(root)
        guard tape.isString(names[0], "bodies"), tape.isString(names[1], "header"), tape.isString(names[2], "signature"),
              let header = try? ChangeHeader.read(tape, names[1] + 1, limits: limits),
              tape.nodes[names[2] + 1].kind == .string,
              let signature = Hex.decode(utf8: tape.content(names[2] + 1), count: 64) else { return nil }
        let bodiesNode = tape.nodes[names[0] + 1]
        guard bodiesNode.kind == .object else { return nil }
        var bodies: [String: JSONValue] = Dictionary(minimumCapacity: bodiesNode.b)
        var canonicalBodies: [String: [UInt8]] = Dictionary(minimumCapacity: bodiesNode.b)
        for key in tape.members(bodiesNode) {
            let hash = String(decoding: tape.content(key), as: UTF8.self)
            bodies[hash] = tape.value(key + 1)
            canonicalBodies[hash] = tape.rawBytes(key + 1)
        }
        guard (try? checkBodies(canonicalBodies, header: header, limits: limits)) != nil else { return nil }
        return SignedChange(header: header, signature: signature, bodies: bodies, canonicalBodies: canonicalBodies)
    }
}

extension ChangeHeader {
    /// The header's member names in canonical order, as a canonical header holds them.
    static let canonicalMemberOrder: [StaticString] = ["city", "coalition", "format", "hlc", "key", "ops", "record"]

    /// The header at tape node `index`, checked as `parse(_:path:limits:)` checks it; nil on any fault.
    static func read(_ tape: JSONTapeReader, _ index: Int, limits: ChangeLimits) throws(ChangeRejection) -> ChangeHeader? {
        let node = tape.nodes[index]
        guard node.kind == .object, node.b == canonicalMemberOrder.count else { return nil }
        let names = tape.members(node)
        for (i, name) in canonicalMemberOrder.enumerated() where !tape.isString(names[i], name) { return nil }
        guard tape.number(names[2] + 1) == Double(formatVersion),
              let coalition = tape.string(names[1] + 1), RecordID.isCityID(coalition),
              let record = tape.string(names[6] + 1).flatMap({ RecordID($0) }),
              let city = tape.string(names[0] + 1), RecordID.isCityID(city),
              tape.nodes[names[4] + 1].kind == .string,
              let key = Hex.decode(utf8: tape.content(names[4] + 1), count: 32),
              let hlc = HLCTimestamp(json: tape.value(names[3] + 1)) else { return nil }
        let ops = names[5] + 1
        var operations = readOperations(tape, ops, record: record, limits: limits)
        if operations == nil { operations = try parseOperations(tape.value(ops), path: "header.ops", record: record, limits: limits) }
        return ChangeHeader(coalition: coalition, record: record, city: city, key: key, hlc: hlc,
                            operations: operations ?? [], canonicalBytes: tape.rawBytes(index))
    }
}

extension ChangeHeader {
    /// The operations at tape node `index` when each is one `Operation.read` knows and fits
    /// its target; nil otherwise, and the caller parses them as JSON.
    static func readOperations(_ tape: JSONTapeReader, _ index: Int, record: RecordID, limits: ChangeLimits) -> [Operation]? {
        let node = tape.nodes[index]
        guard node.kind == .array, node.b > 0, node.b <= limits.maxOperations else { return nil }
        var operations: [Operation] = []
        operations.reserveCapacity(node.b)
        var child = index + 1
        while child < node.next {
            // The path is never shown: on a fault the JSON path runs again and names it.
            guard let op = Operation.read(tape, child), (try? checkTarget(op, kind: record.kind, path: "")) != nil else { return nil }
            operations.append(op)
            child = tape.nodes[child].next
        }
        // No `redact` is read here, so the rule against mixing redactions holds.
        return operations
    }
}

extension Operation {
    /// A `set`, `add`, `contribute`, `delete` or `undelete` at tape node `index`, when it is
    /// exactly what `parse(_:path:limits:)` accepts; nil for anything else (other types included).
    /// Members are in canonical order: `body`, `entry`, `field`, `lang`, `op`.
    static func read(_ tape: JSONTapeReader, _ index: Int) -> Operation? {
        let node = tape.nodes[index]
        guard node.kind == .object, node.b >= 1 else { return nil }
        let names = tape.members(node)
        let type = names[node.b - 1] + 1
        guard tape.isString(names[node.b - 1], "op") else { return nil }
        if node.b == 1 {
            if tape.isString(type, "delete") { return .delete }
            return tape.isString(type, "undelete") ? .undelete : nil
        }
        guard node.b <= 4, tape.isString(names[0], "body"), tape.nodes[names[0] + 1].kind == .string,
              Hex.isHex(utf8: tape.content(names[0] + 1), count: 32),
              let name = tape.string(names[1] + 1), isFieldName(name) else { return nil }
        let body = String(decoding: tape.content(names[0] + 1), as: UTF8.self)
        var language: String?
        if node.b == 4 {
            guard tape.isString(names[2], "lang"), let tag = tape.string(names[2] + 1), RecordField.isLanguageTag(tag) else { return nil }
            language = tag
        }
        if tape.isString(names[1], "field") {
            if tape.isString(type, "set") { return .set(field: name, language: language, body: body) }
            return node.b == 3 && tape.isString(type, "add") ? .add(field: name, body: body) : nil
        }
        guard tape.isString(names[1], "entry"), tape.isString(type, "contribute") else { return nil }
        return .contribute(entry: name, language: language, body: body)
    }
}
