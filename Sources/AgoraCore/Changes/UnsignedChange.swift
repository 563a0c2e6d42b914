/// A change before signing: operations carry their values inline.
///
/// Its JSON form is what `agora protocol sign` reads:
/// `{"coalition","record","city","hlc":[ms,c],"ops":[{"op":"set","field":"title","lang":"en","value":"…"}, …]}`,
/// each op shaped as in a header but with `value` in place of `body`.
/// See `protocol/PROTOCOL.md`, "Unsigned change".
public struct UnsignedChange: Sendable, Hashable {
    /// The coalition id.
    public var coalition: String
    /// The record edited.
    public var record: RecordID
    /// The author city.
    public var city: String
    /// The stamp.
    public var hlc: HLCTimestamp
    /// The operations, in order.
    public var operations: [UnsignedOperation]

    /// An unsigned change.
    public init(coalition: String, record: RecordID, city: String, hlc: HLCTimestamp, operations: [UnsignedOperation]) {
        self.coalition = coalition
        self.record = record
        self.city = city
        self.hlc = hlc
        self.operations = operations
    }

    /// Parses the JSON form. A `key` member, if present, is ignored: the signing key decides.
    /// - Throws: `ChangeRejection` `schema-violation` naming the path.
    public init(json: JSONValue) throws(ChangeRejection) {
        guard let o = json.objectValue else { throw .schema("", "an unsigned change object") }
        for name in o.keys.sorted() where !["format", "coalition", "record", "city", "key", "hlc", "ops"].contains(name) {
            throw .schema(name, "no such member; an unsigned change has coalition, record, city, hlc, ops")
        }
        guard let coalition = o["coalition"]?.stringValue else { throw .schema("coalition", "a coalition id") }
        guard let record = RecordID(o["record"]?.stringValue ?? "") else { throw .schema("record", "a record id") }
        guard let city = o["city"]?.stringValue else { throw .schema("city", "the author city id") }
        guard let hlc = o["hlc"].flatMap(HLCTimestamp.init(json:)) else { throw .schema("hlc", "[milliseconds, counter]") }
        guard let ops = o["ops"]?.arrayValue else { throw .schema("ops", "an array of operations") }
        self.init(coalition: coalition, record: record, city: city, hlc: hlc,
                  operations: ops.map(UnsignedOperation.init(json:)))
    }
}

extension UnsignedChange {
    /// The JSON form `agora protocol sign` reads.
    public var json: JSONValue {
        .object(["coalition": .string(coalition), "record": .string(record.description), "city": .string(city),
                 "hlc": hlc.json, "ops": .array(operations.map(\.json))])
    }
}

/// One operation of an unsigned change, with its value inline.
public enum UnsignedOperation: Sendable, Hashable {
    /// Write a field (a language of a text field); `.null` removes it.
    case set(field: String, language: String?, value: JSONValue)
    /// Add an element to a set field.
    case add(field: String, value: JSONValue)
    /// Cancel adds of a set field.
    case remove(field: String, adds: [AddTag])
    /// Set the deleted flag.
    case delete
    /// Clear the deleted flag.
    case undelete
    /// Write the author city's own entry; `.null` removes it.
    case contribute(entry: String, language: String?, value: JSONValue)
    /// Redact an earlier change.
    case redact(change: ChangeID)
    /// Any operation object, as is; a `value` member becomes its body.
    case raw(JSONValue)

    /// Reads an op object; an object this type does not model stays `raw` and is checked at signing.
    public init(json: JSONValue) {
        let o = json.objectValue ?? [:]
        let field = o["field"]?.stringValue ?? o["entry"]?.stringValue
        let language = o["lang"]?.stringValue
        switch (o["op"]?.stringValue, field, o["value"]) {
        case ("set", let f?, let v?) where o.count == (language == nil ? 3 : 4) && o["field"] != nil:
            self = .set(field: f, language: language, value: v)
        case ("add", let f?, let v?) where o.count == 3 && o["field"] != nil: self = .add(field: f, value: v)
        case ("contribute", let f?, let v?) where o.count == (language == nil ? 3 : 4) && o["entry"] != nil:
            self = .contribute(entry: f, language: language, value: v)
        case ("delete", _, _) where o.count == 1: self = .delete
        case ("undelete", _, _) where o.count == 1: self = .undelete
        default: self = .raw(json)
        }
    }

    /// The op object with its value inline under `value`.
    public var json: JSONValue {
        let form = headerForm { _ in "" }
        guard var o = form.op.objectValue else { return form.op }
        o["body"] = nil
        if let body = form.body { o["value"] = body }
        return .object(o)
    }

    /// The op object of a header (`body` holding `bodyHash`) and the value to file, if any.
    func headerForm(hash: (JSONValue) -> String) -> (op: JSONValue, body: JSONValue?) {
        switch self {
        case .set(let field, let language, let value):
            return (Operation.set(field: field, language: language, body: hash(value)).json, value)
        case .add(let field, let value): return (Operation.add(field: field, body: hash(value)).json, value)
        case .remove(let field, let adds): return (Operation.remove(field: field, adds: adds).json, nil)
        case .delete: return (Operation.delete.json, nil)
        case .undelete: return (Operation.undelete.json, nil)
        case .contribute(let entry, let language, let value):
            return (Operation.contribute(entry: entry, language: language, body: hash(value)).json, value)
        case .redact(let change): return (Operation.redact(change: change).json, nil)
        case .raw(let json):
            guard var o = json.objectValue, let value = o.removeValue(forKey: "value") else { return (json, nil) }
            o["body"] = .string(hash(value))
            return (.object(o), value)
        }
    }
}
