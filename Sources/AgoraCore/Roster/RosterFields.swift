/// Reads the members of one JSON object of a roster document, each checked for its syntax, and
/// refuses members the schema does not name. Every refusal names the JSON path.
struct RosterFields {
    let object: [String: JSONValue]
    let path: String

    /// The object at `path`, whose members must all be in `allowed`.
    init(_ value: JSONValue, path: String, allowed: Set<String>) throws(RosterError) {
        guard let object = value.objectValue else { throw RosterError(.schemaViolation, "expected an object", path: path) }
        for name in object.keys.sorted() where !allowed.contains(name) {
            throw RosterError(.schemaViolation, "no such member; expected one of \(allowed.sorted().joined(separator: ", "))",
                              path: path.isEmpty ? name : "\(path).\(name)")
        }
        self.object = object
        self.path = path
    }

    func join(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func fail(_ name: String, _ expected: String) -> RosterError {
        RosterError(.schemaViolation, "expected \(expected)", path: join(name))
    }

    func value(_ name: String) throws(RosterError) -> JSONValue {
        guard let value = object[name] else { throw RosterError(.schemaViolation, "missing", path: join(name)) }
        return value
    }

    func string(_ name: String, _ expected: String, _ isValid: (String) -> Bool) throws(RosterError) -> String {
        guard let text = try value(name).stringValue, isValid(text) else { throw fail(name, expected) }
        return text
    }

    func city(_ name: String = "city") throws(RosterError) -> String {
        try string(name, "a city id [a-z][a-z0-9-]{1,39}", RecordID.isCityID)
    }

    func key(_ name: String = "key") throws(RosterError) -> [UInt8] {
        guard let key = Hex.decode(try value(name).stringValue ?? "", count: 32) else {
            throw fail(name, "an Ed25519 public key, 64 lowercase hex digits")
        }
        return key
    }

    func hash(_ name: String) throws(RosterError) -> RosterUpdateID {
        guard let id = RosterUpdateID(hex: try value(name).stringValue ?? "") else {
            throw fail(name, "an update id, 64 lowercase hex digits")
        }
        return id
    }

    func stamp(_ name: String = "at") throws(RosterError) -> HLCTimestamp {
        guard let at = HLCTimestamp(json: try value(name)) else { throw fail(name, "a stamp [milliseconds, counter]") }
        return at
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(RosterError) -> Int {
        guard let n = try value(name).numberValue, n == n.rounded(), Double(range.lowerBound) <= n, n <= Double(range.upperBound) else {
            throw fail(name, "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(n)
    }

    func array(_ name: String, max: Int, min: Int = 0) throws(RosterError) -> [JSONValue] {
        guard let items = try value(name).arrayValue else { throw fail(name, "an array") }
        guard items.count <= max else {
            throw RosterError(.oversized, "\(items.count) items; at most \(max)", path: join(name))
        }
        guard items.count >= min else { throw fail(name, "at least \(min) item\(min == 1 ? "" : "s")") }
        return items
    }
}

/// The syntax of the text members of a roster (`protocol/ROSTER.md`, "Values").
enum RosterSyntax {
    /// A display name: 1 to 200 bytes, no control characters, no leading or trailing space.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= RosterLimits.maxNameBytes && !text.unicodeScalars.contains(where: isControl)
            && text.first != " " && text.last != " "
    }

    /// ISO 3166-1 alpha-2 as two uppercase ASCII letters.
    static func isCountry(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    /// An `https://` URL of at most 2,048 bytes, printable ASCII without spaces, with a host.
    static func isURL(_ text: String) -> Bool {
        let prefix = "https://"
        guard text.hasPrefix(prefix), text.utf8.count <= RosterLimits.maxURLBytes, text.utf8.count > prefix.utf8.count else {
            return false
        }
        let rest = text.utf8.dropFirst(prefix.utf8.count)
        return rest.first != UInt8(ascii: "/") && rest.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// A TLS pin: the standard base64 of a SHA-256 digest (43 characters and `=`).
    static func isPin(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 44, bytes[43] == UInt8(ascii: "=") else { return false }
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        guard bytes[..<43].allSatisfy(alphabet.contains) else { return false }
        // The last character carries 2 spare bits that must be zero, so a digest has one spelling.
        let last = "AEIMQUYcgkosw048".utf8
        return last.contains(bytes[42])
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }
}
