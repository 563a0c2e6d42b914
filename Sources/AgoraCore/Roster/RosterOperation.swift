/// One operation of a roster update (`protocol/ROSTER.md`, "Operations").
public enum RosterOperation: Sendable, Hashable {
    /// The first update's only operation: the stewards and their quorum.
    case genesis(stewards: [Roster.Steward], quorum: Int)
    /// Admits a city with its keys and node.
    case addMember(city: String, name: String, country: String, keys: [[UInt8]], node: Roster.Node)
    /// Removes a city: its active keys retire at `at`, its pin is refused.
    case removeMember(city: String, at: HLCTimestamp)
    /// Suspends a city: its records stay, its new changes wait, its pin is refused.
    case suspendMember(city: String)
    /// Lifts a suspension.
    case reinstateMember(city: String)
    /// Sets a city's node URLs and TLS pin.
    case setNode(city: String, node: Roster.Node)
    /// Gives a city a new signing key.
    case addKey(city: String, key: [UInt8])
    /// Retires a key at a stamp: its changes up to `at` stay effective.
    case retireKey(key: [UInt8], at: HLCTimestamp)
    /// Marks a key compromised: none of its changes count.
    case markCompromised(key: [UInt8])
    /// Replaces the steward list; stewards dropped from it retire at `at`.
    case setStewards(stewards: [Roster.Steward], at: HLCTimestamp)
    /// Ends a fork: the update's parent is the branch every node keeps.
    case resolveFork(keep: RosterUpdateID, drop: [RosterUpdateID])

    /// The operation's name on the wire (`"op"`).
    public var name: String {
        switch self {
        case .genesis: "genesis"
        case .addMember: "add-member"
        case .removeMember: "remove-member"
        case .suspendMember: "suspend-member"
        case .reinstateMember: "reinstate-member"
        case .setNode: "set-node"
        case .addKey: "add-key"
        case .retireKey: "retire-key"
        case .markCompromised: "mark-compromised"
        case .setStewards: "set-stewards"
        case .resolveFork: "resolve-fork"
        }
    }

    /// The operation's JSON form.
    public var json: JSONValue {
        var o: [String: JSONValue] = ["op": .string(name)]
        switch self {
        case .genesis(let stewards, let quorum):
            o["stewards"] = .array(stewards.map(\.json))
            o["quorum"] = .number(Double(quorum))
        case .addMember(let city, let name, let country, let keys, let node):
            o.merge(node.json) { a, _ in a }
            o["city"] = .string(city)
            o["name"] = .string(name)
            o["country"] = .string(country)
            o["keys"] = .array(keys.map { .string(Hex.encode($0)) })
        case .removeMember(let city, let at):
            o["city"] = .string(city)
            o["at"] = at.json
        case .suspendMember(let city), .reinstateMember(let city):
            o["city"] = .string(city)
        case .setNode(let city, let node):
            o.merge(node.json) { a, _ in a }
            o["city"] = .string(city)
        case .addKey(let city, let key):
            o["city"] = .string(city)
            o["key"] = .string(Hex.encode(key))
        case .retireKey(let key, let at):
            o["key"] = .string(Hex.encode(key))
            o["at"] = at.json
        case .markCompromised(let key):
            o["key"] = .string(Hex.encode(key))
        case .setStewards(let stewards, let at):
            o["stewards"] = .array(stewards.map(\.json))
            o["at"] = at.json
        case .resolveFork(let keep, let drop):
            o["keep"] = .string(keep.hex)
            o["drop"] = .array(drop.map { .string($0.hex) })
        }
        return .object(o)
    }
}
