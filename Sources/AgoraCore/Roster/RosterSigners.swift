/// Who signed an update, as the roster before it sees them, and what they may do
/// (`protocol/ROSTER.md`, "Who may sign what").
struct RosterSigners {
    /// Current stewards among the signers.
    var stewards: Int
    /// Cities with an active member whose active key signed.
    let cities: Set<String>

    /// Classifies every signature: each must be a current steward's or an active key of an active member.
    init(_ update: RosterUpdate, roster: Roster) throws(RosterError) {
        var stewards = 0
        var cities: Set<String> = []
        for (i, signature) in update.signatures.enumerated() {
            if roster.isSteward(signature.key) {
                stewards += 1
            } else if let member = roster.member(holding: signature.key) {
                guard member.status == .active, member.activeKeys.contains(signature.key) else {
                    let why = member.status != .active ? "\(member.city) is \(member.status.rawValue)" : "the key is no longer active"
                    throw RosterError(.notPermitted, "\(member.city)'s key may not sign: \(why)", path: "signatures[\(i)].key")
                }
                cities.insert(member.city)
            } else {
                throw RosterError(.unknownSigner, "the key \(Hex.encode(signature.key)) is neither a steward's nor a member's",
                                  path: "signatures[\(i)].key")
            }
        }
        self.stewards = stewards
        self.cities = cities
    }

    /// Whether the signers may make `op`, judged against `roster` (before the update).
    func authorize(_ op: RosterOperation, in roster: Roster, update: RosterUpdate, path: String) throws(RosterError) {
        switch op {
        case .genesis, .addMember, .removeMember, .suspendMember, .reinstateMember, .markCompromised:
            try requireSteward(op, path: path)
        case .setNode(let city, _), .addKey(let city, _):
            try requireStewardOrCity(city, op, path: path)
        case .retireKey(let key, _):
            try requireStewardOrCity(roster.member(holding: key)?.city, op, path: path)
        case .setStewards:
            try requireQuorum(roster.quorum, op, path: path)
        case .resolveFork(let keep, _):
            try requireQuorum(roster.quorum, op, path: path)
            guard keep == update.parent else {
                throw RosterError(.invalidOperation, "resolve-fork keeps the update's own parent \(update.parent?.hex ?? "null")", path: path + ".keep")
            }
        }
    }

    private func requireSteward(_ op: RosterOperation, path: String) throws(RosterError) {
        guard stewards >= 1 else { throw RosterError(.notPermitted, "\(op.name) needs a steward's signature", path: path) }
    }

    private func requireStewardOrCity(_ city: String?, _ op: RosterOperation, path: String) throws(RosterError) {
        guard stewards >= 1 || city.map(cities.contains) == true else {
            throw RosterError(.notPermitted, "\(op.name) for \(city ?? "a key no member holds") needs a steward's signature or one of that city's active keys",
                              path: path)
        }
    }

    private func requireQuorum(_ quorum: Int, _ op: RosterOperation, path: String) throws(RosterError) {
        guard stewards >= quorum else {
            throw RosterError(.notPermitted, "\(op.name) needs \(quorum) steward signatures; it has \(stewards)", path: path)
        }
    }
}
