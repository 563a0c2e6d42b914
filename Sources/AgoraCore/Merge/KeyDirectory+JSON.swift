extension KeyDirectory {
    /// Parses the JSON form of a key directory.
    /// - Parameter crypto: when given, small-order keys are refused.
    /// - Throws: `KeyDirectoryError` naming the path at fault.
    public init(json: JSONValue, crypto: (any ChangeCryptography)? = nil) throws(KeyDirectoryError) {
        guard let o = json.objectValue, o.keys.allSatisfy({ $0 == "keys" }), let items = o["keys"]?.arrayValue else {
            throw KeyDirectoryError("", "an object {\"keys\": [...]}")
        }
        var entries: [Entry] = []
        for (i, item) in items.enumerated() {
            entries.append(try KeyDirectory.entry(item, path: "keys[\(i)]"))
        }
        try self.init(entries, crypto: crypto)
    }

    static func entry(_ item: JSONValue, path: String) throws(KeyDirectoryError) -> Entry {
        guard let e = item.objectValue else { throw KeyDirectoryError(path, "a key object") }
        for name in e.keys.sorted() where !["key", "city", "status", "retiredAt", "steward"].contains(name) {
            throw KeyDirectoryError("\(path).\(name)", "no such member; a key has key, city, status, retiredAt, steward")
        }
        guard let key = Hex.decode(e["key"]?.stringValue ?? "", count: 32) else {
            throw KeyDirectoryError("\(path).key", "an Ed25519 public key, 64 lowercase hex digits")
        }
        guard let city = e["city"]?.stringValue else { throw KeyDirectoryError("\(path).city", "a city id") }
        let status: Status
        switch e["status"]?.stringValue {
        case "active": status = .active
        case "compromised": status = .compromised
        case "retired":
            guard let at = e["retiredAt"].flatMap(HLCTimestamp.init(json:)) else {
                throw KeyDirectoryError("\(path).retiredAt", "[milliseconds, counter] for a retired key")
            }
            status = .retired(at: at)
        default: throw KeyDirectoryError("\(path).status", "active, retired or compromised")
        }
        if case .retired = status {} else if e["retiredAt"] != nil {
            throw KeyDirectoryError("\(path).retiredAt", "no retiredAt unless the status is retired")
        }
        guard e["steward"] == nil || e["steward"]?.boolValue != nil else {
            throw KeyDirectoryError("\(path).steward", "true or false")
        }
        return Entry(key: key, city: city, status: status, isSteward: e["steward"]?.boolValue ?? false)
    }

    /// The directory as JSON, keys sorted by hex.
    public var json: JSONValue {
        .object(["keys": .array(entries.sorted { $0.key < $1.key }.map { hex, entry in
            var o = entry.status.jsonMembers
            o["key"] = .string(hex)
            o["city"] = .string(entry.city)
            if entry.isSteward { o["steward"] = .bool(true) }
            return .object(o)
        })])
    }
}

extension KeyDirectory.Status {
    /// `status` and, for a retired key, `retiredAt`: the members a key's JSON form gives its status.
    public var jsonMembers: [String: JSONValue] {
        switch self {
        case .active: ["status": .string("active")]
        case .compromised: ["status": .string("compromised")]
        case .retired(let at): ["status": .string("retired"), "retiredAt": at.json]
        }
    }
}
