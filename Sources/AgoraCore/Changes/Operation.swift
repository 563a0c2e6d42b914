/// One operation of a change header. Bodies are named by their SHA-256, never inlined.
///
/// See `protocol/PROTOCOL.md`, "Operations".
public enum Operation: Sendable, Hashable {
    /// Writes a field (or one language of a text field); the body is the value, `null` removes it.
    case set(field: String, language: String?, body: String)
    /// Adds an element to a set field; the body is the element.
    case add(field: String, body: String)
    /// Cancels earlier adds of a set field, named by tag.
    case remove(field: String, adds: [AddTag])
    /// Sets the record's `deleted` flag.
    case delete
    /// Clears the record's `deleted` flag.
    case undelete
    /// Writes the author city's own contribution entry (`adoption`, or `translation` with a language); `null` removes it.
    case contribute(entry: String, language: String?, body: String)
    /// Redacts an earlier change: it then writes nothing, and nodes drop its bodies.
    case redact(change: ChangeID)
    /// An operation type this implementation does not know: kept, verified, stored, ignored by the merge.
    case unsupported(type: String, json: JSONValue)

    /// The operation type as written in `op`.
    public var type: String {
        switch self {
        case .set: return "set"
        case .add: return "add"
        case .remove: return "remove"
        case .delete: return "delete"
        case .undelete: return "undelete"
        case .contribute: return "contribute"
        case .redact: return "redact"
        case .unsupported(let type, _): return type
        }
    }

    /// The hash of this operation's body, if it has one.
    public var bodyHash: String? {
        switch self {
        case .set(_, _, let body), .add(_, let body), .contribute(_, _, let body): return body
        case .unsupported(_, let json): return json["body"]?.stringValue
        default: return nil
        }
    }

    /// The operation as it appears in the header's `ops`.
    public var json: JSONValue {
        var o: [String: JSONValue] = ["op": .string(type)]
        switch self {
        case .set(let field, let language, let body):
            o["field"] = .string(field)
            o["body"] = .string(body)
            if let language { o["lang"] = .string(language) }
        case .add(let field, let body):
            o["field"] = .string(field)
            o["body"] = .string(body)
        case .remove(let field, let adds):
            o["field"] = .string(field)
            o["adds"] = .array(adds.map { .string($0.description) })
        case .delete, .undelete: break
        case .contribute(let entry, let language, let body):
            o["entry"] = .string(entry)
            o["body"] = .string(body)
            if let language { o["lang"] = .string(language) }
        case .redact(let change): o["change"] = .string(change.hex)
        case .unsupported(_, let json): return json
        }
        return .object(o)
    }
}
