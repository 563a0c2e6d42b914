import AgoraCore

/// An author: a city and one of its keys.
struct Author {
    let city: String
    let key: any ChangeSigningKey

    init(_ city: String, key: (any ChangeSigningKey)? = nil, keyName: String? = nil) {
        self.city = city
        self.key = key ?? FakeKey(keyName ?? city)
    }

    var keyHex: String { Hex.encode(key.publicKeyBytes) }

    func entry(_ status: KeyDirectory.Status = .active, steward: Bool = false) -> KeyDirectory.Entry {
        KeyDirectory.Entry(key: key.publicKeyBytes, city: city, status: status, isSteward: steward)
    }
}

enum Fixtures {
    static let coalition = "ccdr"
    static let record = RecordID("tirana/practice/open-data-portal")!
    static let crypto = FakeCryptography()

    /// A signed change by `author` on `record` at [ms, counter].
    static func change(_ author: Author, _ ms: UInt64, _ ops: [UnsignedOperation], counter: UInt32 = 0,
                       record: RecordID = Fixtures.record,
                       crypto: any ChangeCryptography = FakeCryptography()) throws -> VerifiedChange {
        let unsigned = UnsignedChange(coalition: coalition, record: record, city: author.city,
                                      hlc: HLCTimestamp(milliseconds: ms, counter: counter), operations: ops)
        return try ChangeSigner(crypto: crypto).sign(unsigned, key: author.key)
    }

    static func directory(_ entries: [KeyDirectory.Entry]) throws -> KeyDirectory { try KeyDirectory(entries) }

    /// A complete, valid practice document as JSON, with `overrides` replacing members (`.null` deletes one).
    static func documentJSON(_ overrides: [String: JSONValue] = [:]) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": "tirana/practice/open-data-portal", "kind": "practice", "city": "tirana",
            "country": "AL", "originalLanguage": "sq",
            "title": ["sq": "Portali i të dhënave të hapura", "en": "Open data portal"],
            "summary": ["sq": "Bashkia publikon të dhëna.", "en": "The municipality publishes data."],
            "stage": "implementation",
            "themes": ["transparency/open-data"],
            "tags": ["open data", "portal"],
            "sources": [["title": "Tirana open data", "seed": "001_216994fb3af8ac8c"]],
        ]
        for (k, v) in overrides { if v.isNull { o[k] = nil } else { o[k] = v } }
        return .object(o)
    }

    static func document(_ overrides: [String: JSONValue] = [:]) throws(RecordValidationError) -> RecordDocument {
        try RecordDocument(json: documentJSON(overrides))
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { a, _ in a }))
    }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
