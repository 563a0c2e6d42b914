extension RosterOperation {
    /// Parses one operation's JSON form, refusing unknown operations and members.
    /// - Throws: `RosterError` (`schema-violation`, `oversized`) naming the path.
    public init(json: JSONValue, path: String) throws(RosterError) {
        guard let name = json["op"]?.stringValue else { throw RosterError(.schemaViolation, "expected an op name", path: path + ".op") }
        guard let allowed = Self.members[name] else {
            throw RosterError(.schemaViolation, "no operation \(name); expected one of \(Self.members.keys.sorted().joined(separator: ", "))",
                              path: path + ".op")
        }
        let f = try RosterFields(json, path: path, allowed: allowed.union(["op"]))
        switch name {
        case "genesis":
            self = .genesis(stewards: try Self.stewards(f), quorum: try f.integer("quorum", in: RosterLimits.stewardQuorum...RosterLimits.stewardQuorum))
        case "add-member":
            let keys = try f.array("keys", max: RosterLimits.maxKeysPerMember, min: 1).enumerated().map { i, item throws(RosterError) in
                guard let key = Hex.decode(item.stringValue ?? "", count: 32) else { throw f.fail("keys[\(i)]", "an Ed25519 public key, 64 lowercase hex digits") }
                return key
            }
            self = .addMember(city: try f.city(), name: try f.string("name", "a name of 1 to 200 bytes without control characters", RosterSyntax.isName),
                              country: try f.string("country", "an ISO 3166-1 alpha-2 code in capitals", RosterSyntax.isCountry),
                              keys: keys, node: try Roster.Node(f))
        case "remove-member": self = .removeMember(city: try f.city(), at: try f.stamp())
        case "suspend-member": self = .suspendMember(city: try f.city())
        case "reinstate-member": self = .reinstateMember(city: try f.city())
        case "set-node": self = .setNode(city: try f.city(), node: try Roster.Node(f))
        case "add-key": self = .addKey(city: try f.city(), key: try f.key())
        case "retire-key": self = .retireKey(key: try f.key(), at: try f.stamp())
        case "mark-compromised": self = .markCompromised(key: try f.key())
        case "set-stewards": self = .setStewards(stewards: try Self.stewards(f), at: try f.stamp())
        default:
            let drop = try f.array("drop", max: RosterLimits.maxOperations, min: 1).enumerated().map { i, item throws(RosterError) in
                guard let id = RosterUpdateID(hex: item.stringValue ?? "") else { throw f.fail("drop[\(i)]", "an update id") }
                return id
            }
            self = .resolveFork(keep: try f.hash("keep"), drop: drop)
        }
    }

    private static let members: [String: Set<String>] = [
        "genesis": ["stewards", "quorum"],
        "add-member": ["city", "name", "country", "keys", "url", "federationUrl", "pin"],
        "remove-member": ["city", "at"],
        "suspend-member": ["city"],
        "reinstate-member": ["city"],
        "set-node": ["city", "url", "federationUrl", "pin"],
        "add-key": ["city", "key"],
        "retire-key": ["key", "at"],
        "mark-compromised": ["key"],
        "set-stewards": ["stewards", "at"],
        "resolve-fork": ["keep", "drop"],
    ]

    private static func stewards(_ f: RosterFields) throws(RosterError) -> [Roster.Steward] {
        let items = try f.array("stewards", max: RosterLimits.maxStewards, min: 1)
        var stewards: [Roster.Steward] = []
        for (i, item) in items.enumerated() {
            let s = try RosterFields(item, path: f.join("stewards[\(i)]"), allowed: ["key", "city"])
            stewards.append(Roster.Steward(key: try s.key(), city: try s.city()))
        }
        return stewards
    }
}

extension Roster.Node {
    init(_ f: RosterFields) throws(RosterError) {
        self.init(url: try f.string("url", "an https:// URL of at most 2048 bytes", RosterSyntax.isURL),
                  federationURL: try f.string("federationUrl", "an https:// URL of at most 2048 bytes", RosterSyntax.isURL),
                  pin: try f.string("pin", "a TLS pin: base64 of a SHA-256 digest, 44 characters", RosterSyntax.isPin))
    }
}
