extension Roster {
    /// The roster a genesis update founds.
    /// - Throws: `RosterError` when it is not a genesis, a steward key repeats or is small-order,
    ///   or a signer is not one of its stewards.
    public init(genesis update: RosterUpdate, crypto: any ChangeCryptography) throws(RosterError) {
        guard update.parent == nil, update.operations.count == 1, case .genesis(let stewards, let quorum) = update.operations[0] else {
            throw RosterError(.wrongGenesis, "the first update of a chain must be a genesis (no parent, one genesis operation)")
        }
        self.init(coalition: update.coalition, genesis: update.id, head: update.id, sequence: 0, stewards: [], quorum: quorum)
        try checkStewards(stewards, path: "update.ops[0].stewards", crypto: crypto)
        self.stewards = stewards
        for (i, signature) in update.signatures.enumerated() where !isSteward(signature.key) {
            throw RosterError(.unknownSigner, "the genesis is signed by its own stewards only", path: "signatures[\(i)].key")
        }
    }

    /// The roster after `update`, whose parent must be this roster's head.
    ///
    /// The signers are judged against this roster (before the update); the operations are
    /// applied in order, each to the result of the one before.
    /// - Throws: `RosterError` (`bad-sequence`, `unknown-signer`, `not-permitted`, `invalid-operation`, `small-order-key`, `wrong-coalition`).
    public func applying(_ update: RosterUpdate, crypto: any ChangeCryptography) throws(RosterError) -> Roster {
        try applying(update, crypto: crypto, assumingQuorum: false)
    }

    /// `applying(_:crypto:)`, optionally as if the steward quorum had signed (a draft awaiting co-signers).
    func applying(_ update: RosterUpdate, crypto: any ChangeCryptography, assumingQuorum: Bool) throws(RosterError) -> Roster {
        guard update.coalition == coalition else {
            throw RosterError(.wrongCoalition, "the update is for coalition \(update.coalition), the roster's is \(coalition)", path: "update.coalition")
        }
        guard update.parent == head else {
            throw RosterError(.invalidOperation, "the update's parent is \(update.parent?.hex ?? "null"), not the head \(head.hex)", path: "update.parent")
        }
        guard update.sequence == sequence + 1 else {
            throw RosterError(.badSequence, "seq \(update.sequence) after \(sequence); expected \(sequence + 1)", path: "update.seq")
        }
        var signers = try RosterSigners(update, roster: self)
        if assumingQuorum { signers.stewards = max(signers.stewards, quorum) }
        var next = self
        for (i, op) in update.operations.enumerated() {
            let path = "update.ops[\(i)]"
            try signers.authorize(op, in: self, update: update, path: path)
            try next.apply(op, path: path, crypto: crypto)
        }
        next.head = update.id
        next.sequence = update.sequence
        return next
    }

    mutating func apply(_ op: RosterOperation, path: String, crypto: any ChangeCryptography) throws(RosterError) {
        switch op {
        case .genesis:
            throw RosterError(.invalidOperation, "genesis only opens a chain", path: path)
        case .addMember(let city, let name, let country, let keys, let node):
            try addMember(city: city, name: name, country: country, keys: keys, node: node, path: path, crypto: crypto)
        case .removeMember(let city, let at):
            var member = try current(city, path: path)
            member.keys = member.keys.map { k in k.status == .active ? Key(key: k.key, status: .retired(at: at)) : k }
            member.status = .removed
            members[city] = member
        case .suspendMember(let city):
            try setStatus(city, from: .active, to: .suspended, path: path)
        case .reinstateMember(let city):
            try setStatus(city, from: .suspended, to: .active, path: path)
        case .setNode(let city, let node):
            var member = try current(city, path: path)
            try checkPin(node.pin, for: city, path: path + ".pin")
            member.node = node
            members[city] = member
        case .addKey(let city, let key):
            var member = try current(city, path: path)
            guard member.keys.count < RosterLimits.maxKeysPerMember else {
                throw RosterError(.oversized, "\(city) holds \(member.keys.count) keys; at most \(RosterLimits.maxKeysPerMember)", path: path)
            }
            try checkNewKey(key, path: path + ".key", crypto: crypto)
            member.keys.append(Key(key: key, status: .active))
            members[city] = member
            keyOwners[key] = city
        case .retireKey(let key, let at):
            try setKeyStatus(key, to: .retired(at: at), path: path) { $0 == .active }
        case .markCompromised(let key):
            try setKeyStatus(key, to: .compromised, path: path) { $0 != .compromised }
        case .setStewards(let list, let at):
            try checkStewards(list, path: path + ".stewards", crypto: crypto, keeping: stewards)
            for old in stewards where !list.contains(where: { $0.key == old.key }) {
                formerStewards.append(FormerSteward(steward: old, at: at))
            }
            stewards = list
        case .resolveFork:
            break
        }
    }
}
