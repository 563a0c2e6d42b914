extension Roster {
    /// Every key the roster has ever held: members' (any status), stewards', former stewards'.
    func isKnownKey(_ key: [UInt8]) -> Bool {
        member(holding: key) != nil || isSteward(key) || formerStewards.contains { $0.steward.key == key }
    }

    /// A key never seen before and not small-order: keys are never reused.
    func checkNewKey(_ key: [UInt8], path: String, crypto: any ChangeCryptography) throws(RosterError) {
        guard !isKnownKey(key) else { throw RosterError(.invalidOperation, "key \(Hex.encode(key)) is already in the roster; keys are never reused", path: path) }
        guard !crypto.isSmallOrder(publicKey: key) else { throw RosterError(.smallOrderKey, "a small-order Ed25519 key", path: path) }
    }

    /// A steward list: distinct keys, none a member's or a former steward's, none small-order.
    mutating func checkStewards(_ list: [Steward], path: String, crypto: any ChangeCryptography, keeping current: [Steward] = []) throws(RosterError) {
        var seen: Set<[UInt8]> = []
        for (i, steward) in list.enumerated() {
            guard seen.insert(steward.key).inserted else { throw RosterError(.invalidOperation, "a steward key listed twice", path: "\(path)[\(i)].key") }
            if current.contains(where: { $0.key == steward.key }) { continue }
            try checkNewKey(steward.key, path: "\(path)[\(i)].key", crypto: crypto)
        }
    }

    /// No other member still in the roster uses the pin.
    func checkPin(_ pin: String, for city: String, path: String) throws(RosterError) {
        if let other = members.values.first(where: { $0.city != city && $0.status != .removed && $0.node.pin == pin }) {
            throw RosterError(.invalidOperation, "pin \(pin) is \(other.city)'s node's; each node has its own", path: path)
        }
    }

    /// A member that has not been removed.
    func current(_ city: String, path: String) throws(RosterError) -> Member {
        guard let member = members[city] else { throw RosterError(.invalidOperation, "\(city) is not a member", path: path + ".city") }
        guard member.status != .removed else { throw RosterError(.invalidOperation, "\(city) was removed", path: path + ".city") }
        return member
    }

    mutating func addMember(city: String, name: String, country: String, keys: [[UInt8]], node: Node, path: String,
                            crypto: any ChangeCryptography) throws(RosterError) {
        let former = members[city]
        guard former == nil || former?.status == .removed else {
            throw RosterError(.invalidOperation, "\(city) is already a member", path: path + ".city")
        }
        guard former != nil || members.count < RosterLimits.maxMembers else {
            throw RosterError(.oversized, "the roster holds \(members.count) members; at most \(RosterLimits.maxMembers)", path: path)
        }
        let old = former?.keys ?? []
        guard old.count + keys.count <= RosterLimits.maxKeysPerMember else {
            throw RosterError(.oversized, "\(city) would hold \(old.count + keys.count) keys; at most \(RosterLimits.maxKeysPerMember)", path: path + ".keys")
        }
        var seen: Set<[UInt8]> = []
        for (i, key) in keys.enumerated() {
            guard seen.insert(key).inserted else { throw RosterError(.invalidOperation, "a key listed twice", path: "\(path).keys[\(i)]") }
            try checkNewKey(key, path: "\(path).keys[\(i)]", crypto: crypto)
        }
        try checkPin(node.pin, for: city, path: path + ".pin")
        members[city] = Member(city: city, name: name, country: country, keys: old + keys.map { Key(key: $0, status: .active) },
                               node: node, status: .active)
        for key in keys { keyOwners[key] = city }
    }

    mutating func setStatus(_ city: String, from: MemberStatus, to: MemberStatus, path: String) throws(RosterError) {
        var member = try current(city, path: path)
        guard member.status == from else { throw RosterError(.invalidOperation, "\(city) is \(member.status.rawValue), not \(from.rawValue)", path: path + ".city") }
        member.status = to
        members[city] = member
    }

    mutating func setKeyStatus(_ key: [UInt8], to status: KeyDirectory.Status, path: String,
                               when allowed: (KeyDirectory.Status) -> Bool) throws(RosterError) {
        guard var member = member(holding: key), let index = member.keys.firstIndex(where: { $0.key == key }) else {
            throw RosterError(.invalidOperation, "key \(Hex.encode(key)) is no member's", path: path + ".key")
        }
        guard allowed(member.keys[index].status) else {
            throw RosterError(.invalidOperation, "key \(Hex.encode(key)) is already \(Roster.describe(member.keys[index].status))", path: path + ".key")
        }
        member.keys[index].status = status
        members[member.city] = member
    }

    static func describe(_ status: KeyDirectory.Status) -> String {
        switch status {
        case .active: "active"
        case .retired(let at): "retired at \(at)"
        case .compromised: "compromised"
        }
    }
}
