extension Operation {
    /// The members each known operation type has, required and optional.
    static let shapes: [String: (required: Set<String>, optional: Set<String>)] = [
        "set": (["op", "field", "body"], ["lang"]),
        "add": (["op", "field", "body"], []),
        "remove": (["op", "field", "adds"], []),
        "delete": (["op"], []),
        "undelete": (["op"], []),
        "contribute": (["op", "entry", "body"], ["lang"]),
        "redact": (["op", "change"], []),
    ]

    /// Parses one entry of a header's `ops` at `path`.
    /// - Throws: `ChangeRejection` `schema-violation` naming the member at fault.
    static func parse(_ json: JSONValue, path: String, limits: ChangeLimits) throws(ChangeRejection) -> Operation {
        guard let o = json.objectValue else { throw .schema(path, "an operation object") }
        guard let type = o["op"]?.stringValue, isName(type) else {
            throw .schema("\(path).op", "an operation type: [a-z][a-z0-9-]{0,31}")
        }
        if let body = o["body"], !Hex.isHex(body.stringValue ?? "", count: 32) {
            throw .schema("\(path).body", "the SHA-256 of the body, 64 lowercase hex digits")
        }
        guard let shape = shapes[type] else {
            guard o.count <= 16 else { throw .schema(path, "an operation of at most 16 members") }
            return .unsupported(type: type, json: json)
        }
        for name in o.keys.sorted() where !shape.required.contains(name) && !shape.optional.contains(name) {
            throw .schema("\(path).\(name)", "no such member on `\(type)`")
        }
        for name in shape.required.sorted() where o[name] == nil {
            throw .schema("\(path).\(name)", "a `\(name)` member on `\(type)`")
        }
        return try build(type, o, path: path, limits: limits)
    }

    private static func build(_ type: String, _ o: [String: JSONValue], path: String, limits: ChangeLimits) throws(ChangeRejection) -> Operation {
        let body = o["body"]?.stringValue ?? ""
        switch type {
        case "set": return .set(field: try name(o, "field", path), language: try language(o, path), body: body)
        case "add": return .add(field: try name(o, "field", path), body: body)
        case "remove":
            let field = try name(o, "field", path)
            guard let items = o["adds"]?.arrayValue, (1...limits.maxRemovedTags).contains(items.count) else {
                throw .schema("\(path).adds", "an array of 1 to \(limits.maxRemovedTags) add tags")
            }
            var tags: [AddTag] = []
            for (i, item) in items.enumerated() {
                guard let tag = AddTag(item.stringValue ?? ""), !tags.contains(tag) else {
                    throw .schema("\(path).adds[\(i)]", "a distinct add tag <change id>:<index>")
                }
                tags.append(tag)
            }
            return .remove(field: field, adds: tags)
        case "delete": return .delete
        case "undelete": return .undelete
        case "contribute": return .contribute(entry: try name(o, "entry", path), language: try language(o, path), body: body)
        default:
            guard let change = ChangeID(hex: o["change"]?.stringValue ?? "") else {
                throw .schema("\(path).change", "a change id, 64 lowercase hex digits")
            }
            return .redact(change: change)
        }
    }

    private static func name(_ o: [String: JSONValue], _ member: String, _ path: String) throws(ChangeRejection) -> String {
        guard let text = o[member]?.stringValue, isFieldName(text) else {
            throw .schema("\(path).\(member)", "a name: [a-z][A-Za-z0-9]{0,63}")
        }
        return text
    }

    private static func language(_ o: [String: JSONValue], _ path: String) throws(ChangeRejection) -> String? {
        guard let value = o["lang"] else { return nil }
        guard let tag = value.stringValue, RecordField.isLanguageTag(tag) else {
            throw .schema("\(path).lang", "a BCP-47 language tag")
        }
        return tag
    }

    /// `[a-z][a-z0-9-]{0,31}`: an operation type.
    static func isName(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard (1...32).contains(b.count), RecordID.isLower(b[0]) else { return false }
        return b.allSatisfy { RecordID.isLower($0) || RecordID.isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// `[a-z][A-Za-z0-9]{0,63}`: a field or entry name.
    static func isFieldName(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard (1...64).contains(b.count), RecordID.isLower(b[0]) else { return false }
        return b.allSatisfy(RecordField.isAlnum)
    }
}
