extension Operation {
    /// The members each known operation type has, required (sorted) and optional.
    static func shape(_ type: String) -> (required: [String], optional: [String])? {
        switch type {
        case "set": return (["body", "field", "op"], ["lang"])
        case "add": return (["body", "field", "op"], [])
        case "remove": return (["adds", "field", "op"], [])
        case "delete", "undelete": return (["op"], [])
        case "contribute": return (["body", "entry", "op"], ["lang"])
        case "redact": return (["change", "op"], [])
        default: return nil
        }
    }

    /// The known operation types.
    static let knownTypes = ["set", "add", "remove", "delete", "undelete", "contribute", "redact"]

    /// Parses one entry of a header's `ops` at `path`.
    /// - Throws: `ChangeRejection` `schema-violation` naming the member at fault.
    static func parse(_ json: JSONValue, path: String, limits: ChangeLimits) throws(ChangeRejection) -> Operation {
        guard let o = json.objectValue else { throw .schema(path, "an operation object") }
        var members = Members()
        var unknown = false
        for (name, value) in o where !members.take(name, value) { unknown = true }
        guard let type = members.op?.stringValue, isName(type) else {
            throw .schema("\(path).op", "an operation type: [a-z][a-z0-9-]{0,31}")
        }
        if let body = members.bodyValue, !Hex.isHex(body.stringValue ?? "", count: 32) {
            throw .schema("\(path).body", "the SHA-256 of the body, 64 lowercase hex digits")
        }
        guard let shape = shape(type) else {
            guard o.count <= 16 else { throw .schema(path, "an operation of at most 16 members") }
            return .unsupported(type: type, json: json)
        }
        if unknown || !members.fits(shape) {
            for name in o.keys.sorted() where !shape.required.contains(name) && !shape.optional.contains(name) {
                throw .schema("\(path).\(name)", "no such member on `\(type)`")
            }
            for name in shape.required where o[name] == nil {
                throw .schema("\(path).\(name)", "a `\(name)` member on `\(type)`")
            }
        }
        return try build(type, members, path: path, limits: limits)
    }

    /// The members of an operation, read in one pass without hashing their names again.
    struct Members {
        var op: JSONValue?, bodyValue: JSONValue?, field: JSONValue?, entry: JSONValue?
        var lang: JSONValue?, adds: JSONValue?, change: JSONValue?

        /// The body hash, once checked.
        var body: String { bodyValue?.stringValue ?? "" }

        /// Keeps a member; `false` for a name no known operation has.
        mutating func take(_ name: String, _ value: JSONValue) -> Bool {
            switch name {
            case "op": op = value
            case "body": bodyValue = value
            case "field": field = value
            case "entry": entry = value
            case "lang": lang = value
            case "adds": adds = value
            case "change": change = value
            default: return false
            }
            return true
        }

        /// Whether exactly the members of `shape` are present (given no unknown names).
        func fits(_ shape: (required: [String], optional: [String])) -> Bool {
            let count = (op == nil ? 0 : 1) + (bodyValue == nil ? 0 : 1) + (field == nil ? 0 : 1)
                + (entry == nil ? 0 : 1) + (adds == nil ? 0 : 1) + (change == nil ? 0 : 1)
            for name in shape.required where !has(name) { return false }
            return count == shape.required.count && (lang == nil || !shape.optional.isEmpty)
        }

        func has(_ name: String) -> Bool {
            switch name {
            case "op": return op != nil
            case "body": return bodyValue != nil
            case "field": return field != nil
            case "entry": return entry != nil
            case "adds": return adds != nil
            case "change": return change != nil
            default: return lang != nil
            }
        }
    }

    private static func build(_ type: String, _ m: Members, path: String, limits: ChangeLimits) throws(ChangeRejection) -> Operation {
        switch type {
        case "set": return .set(field: try name(m.field, "field", path), language: try language(m.lang, path), body: m.body)
        case "add": return .add(field: try name(m.field, "field", path), body: m.body)
        case "remove":
            let field = try name(m.field, "field", path)
            guard let items = m.adds?.arrayValue, (1...limits.maxRemovedTags).contains(items.count) else {
                throw .schema("\(path).adds", "an array of 1 to \(limits.maxRemovedTags) add tags")
            }
            var tags: [AddTag] = []
            var seen = Set<AddTag>()
            for (i, item) in items.enumerated() {
                guard let tag = AddTag(item.stringValue ?? ""), seen.insert(tag).inserted else {
                    throw .schema("\(path).adds[\(i)]", "a distinct add tag <change id>:<index>")
                }
                tags.append(tag)
            }
            return .remove(field: field, adds: tags)
        case "delete": return .delete
        case "undelete": return .undelete
        case "contribute": return .contribute(entry: try name(m.entry, "entry", path), language: try language(m.lang, path), body: m.body)
        default:
            guard let change = ChangeID(hex: m.change?.stringValue ?? "") else {
                throw .schema("\(path).change", "a change id, 64 lowercase hex digits")
            }
            return .redact(change: change)
        }
    }

    private static func name(_ value: JSONValue?, _ member: String, _ path: String) throws(ChangeRejection) -> String {
        guard let text = value?.stringValue, isFieldName(text) else {
            throw .schema("\(path).\(member)", "a name: [a-z][A-Za-z0-9]{0,63}")
        }
        return text
    }

    private static func language(_ value: JSONValue?, _ path: String) throws(ChangeRejection) -> String? {
        guard let value else { return nil }
        guard let tag = value.stringValue, RecordField.isLanguageTag(tag) else {
            throw .schema("\(path).lang", "a BCP-47 language tag")
        }
        return tag
    }

    /// `[a-z][a-z0-9-]{0,31}`: an operation type.
    static func isName(_ text: String) -> Bool {
        let b = text.utf8
        guard (1...32).contains(b.count), let first = b.first, RecordID.isLower(first) else { return false }
        return b.allSatisfy { RecordID.isLower($0) || RecordID.isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// `[a-z][A-Za-z0-9]{0,63}`: a field or entry name.
    static func isFieldName(_ text: String) -> Bool {
        let b = text.utf8
        guard (1...64).contains(b.count), let first = b.first, RecordID.isLower(first) else { return false }
        return b.allSatisfy(RecordField.isAlnum)
    }
}
