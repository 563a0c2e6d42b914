extension Roster {
    /// The key directory the merge and the verifier judge changes by (`protocol/PROTOCOL.md` 5.1):
    /// every member key with its status (a removed member's keys retired when it left), every
    /// current steward's key active and marked steward, every former steward's retired.
    public var keyDirectory: KeyDirectory {
        var entries: [String: KeyDirectory.Entry] = [:]
        for member in members.values {
            for key in member.keys {
                entries[Hex.encode(key.key)] = KeyDirectory.Entry(key: key.key, city: member.city, status: key.status)
            }
        }
        for steward in stewards {
            entries[Hex.encode(steward.key)] = KeyDirectory.Entry(key: steward.key, city: steward.city, isSteward: true)
        }
        for former in formerStewards {
            entries[Hex.encode(former.steward.key)] = KeyDirectory.Entry(key: former.steward.key, city: former.steward.city,
                                                                         status: .retired(at: former.at), isSteward: true)
        }
        return KeyDirectory(uncheckedEntries: entries)
    }

    /// The roster's state as JSON (`protocol/ROSTER.md`, "State"): what `agora roster show --json`
    /// prints and the public port serves. Members sorted by city id; nothing in it is secret.
    public var json: JSONValue {
        .object([
            "coalition": .string(coalition), "genesis": .string(genesis.hex), "head": .string(head.hex),
            "seq": .number(Double(sequence)), "quorum": .number(Double(quorum)),
            "stewards": .array(stewards.map(\.json)),
            "formerStewards": .array(formerStewards.map { f in
                .object(["key": .string(Hex.encode(f.steward.key)), "city": .string(f.steward.city), "retiredAt": f.at.json])
            }),
            "members": .array(members.values.sorted { $0.city < $1.city }.map(\.json)),
        ])
    }
}

extension Roster.Member {
    /// One member as JSON: city, name, country, status, node URLs, pin and keys.
    public var json: JSONValue {
        var o = node.json
        o["city"] = .string(city)
        o["name"] = .string(name)
        o["country"] = .string(country)
        o["status"] = .string(status.rawValue)
        o["keys"] = .array(keys.map { k in
            var key = k.status.jsonMembers
            key["key"] = .string(Hex.encode(k.key))
            return .object(key)
        })
        return .object(o)
    }
}
