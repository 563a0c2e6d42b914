/// The coalition's roster at one point of its chain: members, their keys and nodes, and the
/// stewards. A pure value; ``RosterChain`` folds updates into it.
///
/// See `protocol/ROSTER.md`.
public struct Roster: Sendable, Hashable {
    /// A steward of the coalition secretariat: a key and the organisation it signs for.
    public struct Steward: Sendable, Hashable {
        /// The 32-byte Ed25519 public key.
        public let key: [UInt8]
        /// The id its changes name as their city (a takedown is signed under it), e.g. `secretariat`.
        public let city: String

        /// A steward.
        public init(key: [UInt8], city: String) {
            self.key = key
            self.city = city
        }

        var json: JSONValue { .object(["key": .string(Hex.encode(key)), "city": .string(city)]) }
    }

    /// Where a member's node answers, and the pin of its TLS certificate.
    public struct Node: Sendable, Hashable {
        /// The public port's base URL (catalog, API).
        public let url: String
        /// The federation port's base URL (mutual TLS).
        public let federationURL: String
        /// The SPKI pin of the node's certificate: base64 of SHA-256 (what follows `sha256//`).
        public let pin: String

        /// A node.
        public init(url: String, federationURL: String, pin: String) {
            self.url = url
            self.federationURL = federationURL
            self.pin = pin
        }

        var json: [String: JSONValue] { ["url": .string(url), "federationUrl": .string(federationURL), "pin": .string(pin)] }
    }

    /// Whether a member takes part.
    public enum MemberStatus: String, Sendable, Hashable {
        /// A member in good standing.
        case active
        /// Its records stay; its new changes wait; its node is refused.
        case suspended
        /// No longer a member: its keys retired when it was removed.
        case removed
    }

    /// A steward dropped from the list, and the stamp its key retired at.
    public struct FormerSteward: Sendable, Hashable {
        /// The steward.
        public let steward: Steward
        /// Its key's changes stamped later than this do not count.
        public let at: HLCTimestamp
    }

    /// One signing key of a member and its status.
    public struct Key: Sendable, Hashable {
        /// The 32-byte Ed25519 public key.
        public let key: [UInt8]
        /// Active, retired at a stamp, or compromised.
        public var status: KeyDirectory.Status
    }

    /// A member city.
    public struct Member: Sendable, Hashable {
        /// The city id.
        public let city: String
        /// Its display name.
        public let name: String
        /// ISO 3166-1 alpha-2.
        public let country: String
        /// Its keys, in the order they were added.
        public var keys: [Key]
        /// Its node.
        public var node: Node
        /// Active, suspended or removed.
        public var status: MemberStatus

        /// Its keys that sign today.
        public var activeKeys: [[UInt8]] { keys.filter { $0.status == .active }.map(\.key) }
    }

    /// The coalition id.
    public let coalition: String
    /// The id of the genesis update: the coalition's root of trust.
    public let genesis: RosterUpdateID
    /// The last update folded in.
    public internal(set) var head: RosterUpdateID
    /// Its sequence number.
    public internal(set) var sequence: UInt64
    /// The current stewards.
    public internal(set) var stewards: [Steward]
    /// Stewards dropped from the list, with the stamp they retired at.
    public internal(set) var formerStewards: [FormerSteward] = []
    /// Steward signatures a change of the steward list needs.
    public let quorum: Int
    /// Every member ever admitted, by city id.
    public internal(set) var members: [String: Member] = [:]
    /// Which city holds each member key (an index of `members`, kept by the operations).
    var keyOwners: [[UInt8]: String] = [:]

    /// The member that holds `key`, if any.
    public func member(holding key: [UInt8]) -> Member? {
        keyOwners[key].flatMap { members[$0] }
    }

    /// Whether `key` is a current steward's.
    public func isSteward(_ key: [UInt8]) -> Bool { stewards.contains { $0.key == key } }

    /// The active member whose node presents this pin, if any: who may use the federation port.
    public func admittedMember(pin: String) -> Member? {
        members.values.first { $0.status == .active && $0.node.pin == pin }
    }

    /// Active members other than `city`, sorted by id: the peers a node syncs with.
    public func peers(excluding city: String) -> [Member] {
        members.values.filter { $0.status == .active && $0.city != city }.sorted { $0.city < $1.city }
    }
}
