import AgoraCore
import AgoraCrypto
import AgoraNode
import Foundation

/// `agora roster ...`: the coalition roster (`protocol/ROSTER.md`, `docs/FEDERATION.md`).
enum RosterCommands {
    /// Where `genesis` writes a steward key it makes.
    static let stewardKeyPath = "keys/steward.key"

    static let sign = OptionSpec("sign", valueName: "FILE", help: "The key that signs the update (default: keys/steward.key, else the node's signing key)")
    static let json = OptionSpec.flag("json", help: "Print the result as JSON")
    static let city = PositionalSpec("CITY", help: "The city id, e.g. tirana")

    static let spec = CommandSpec(
        "roster", summary: "The coalition roster: members, keys, nodes and stewards",
        discussion: "The roster is a hash chain of signed updates every node checks the same way (protocol/ROSTER.md). Stewards sign membership changes; a city signs its own key rotation and node pin; the steward list needs two steward signatures. Updates go to the running server when 'agora serve' runs.",
        examples: ["agora roster show", "agora roster add-member sofia --key 3b6a… --url https://sofia.example --federation-url https://sofia.example:9443 --pin AbC…="],
        subcommands: [genesis, addMember, member("remove-member", "Remove a member: its active keys retire now, its node is refused") { .removeMember(city: $0, at: $1) },
                      member("suspend", "Suspend a member: its records stay, its new changes wait, its node is refused") { c, _ in .suspendMember(city: c) },
                      member("reinstate", "Lift a member's suspension") { c, _ in .reinstateMember(city: c) },
                      setNode, key("retire-key", "Retire a key: its changes up to now (or --at) stay effective") { .retireKey(key: $0, at: $1) },
                      addKey, key("compromised", "Mark a key compromised: none of its changes count, whatever their stamp") { k, _ in .markCompromised(key: k) },
                      RosterStewardCommands.setStewards, RosterStewardCommands.cosign, RosterShowCommands.show,
                      RosterShowCommands.bundle, RosterShowCommands.pull, RosterStewardCommands.resolveFork])

    static let genesis = CommandSpec(
        "genesis", summary: "Found the coalition: the first update, naming the stewards",
        discussion: "Each --steward-key FILE is a steward's private key file (the first signs the genesis); --steward HEX adds a steward by public key. With neither, a steward key is made at keys/steward.key. Changing the steward list later needs two steward signatures, so name two stewards.",
        options: [OptionSpec("coalition", valueName: "ID", help: "The coalition id (must be the node's)"),
                  OptionSpec("steward-key", arity: .repeated, valueName: "FILE", help: "A steward's private key file"),
                  OptionSpec("steward", arity: .repeated, valueName: "HEX", help: "Another steward's public key"),
                  OptionSpec("steward-city", valueName: "ID", help: "The id stewards sign for", defaultValue: "secretariat"), json],
        examples: ["agora roster genesis --coalition ccdr --steward-key s1.key --steward-key s2.key"],
        action: { context in
            let config = try context.nodeDirectory.loadConfig()
            guard let coalition = context.arguments.string("coalition") else { throw CLIError.usage("missing --coalition ID", command: context.path) }
            guard coalition == config.coalition else { throw CLIError.usage("--coalition \(coalition) is not this node's coalition (\(config.coalition))") }
            let stewardCity = context.arguments.string("steward-city") ?? "secretariat"
            var keys = try context.arguments.strings("steward-key").map { try KeyFile.readEd25519PrivateKey(at: context.io.resolve($0).path) }
            if keys.isEmpty && context.arguments.strings("steward").isEmpty {
                let url = context.nodeDirectory.url(for: stewardKeyPath)
                guard !FileManager.default.fileExists(atPath: url.path) else { throw CLIError.environment("\(url.path) exists; pass --steward-key \(stewardKeyPath)") }
                let key = try Ed25519.PrivateKey.generate()
                try KeyFile.write(key, to: url.path)
                keys = [key]
                context.err.line("made a steward key at \(stewardKeyPath) (mode 0600)")
            }
            guard let signer = keys.first else { throw CLIError.usage("give at least one --steward-key FILE: it signs the genesis") }
            let stewards = try keys.map { Roster.Steward(key: $0.publicKeyBytes, city: stewardCity) }
                + context.arguments.strings("steward").map { Roster.Steward(key: try context.keyArgument($0), city: stewardCity) }
            if stewards.count < RosterLimits.stewardQuorum {
                context.err.line("warning: one steward only: the steward list can never change (it needs \(RosterLimits.stewardQuorum) steward signatures)")
            }
            let update: RosterUpdate
            do { update = try RosterSigner(crypto: OpenSSLChangeCryptography()).genesis(coalition: coalition, stewards: stewards, key: signer) } catch {
                throw CLIError.failure("\(error)", cause: error)
            }
            try await context.submitRoster([update], verb: "founded \(coalition)")
            if !context.arguments.flag("json") { context.out.line("genesis id: \(update.id.hex) (tell every member: enrolment checks it)") }
            return .success
        })

    static let addMember = CommandSpec(
        "add-member", summary: "Admit a city: its signing keys, node URLs and TLS pin (a steward signs)",
        options: [OptionSpec("key", arity: .repeated, valueName: "HEX", help: "A signing public key of the city (64 hex)"),
                  OptionSpec("url", valueName: "URL", help: "The node's public URL (https://…)"),
                  OptionSpec("federation-url", valueName: "URL", help: "The node's federation URL (https://…)"),
                  OptionSpec("pin", valueName: "PIN", help: "The node certificate's pin (base64 SHA-256, with or without sha256//)"),
                  OptionSpec("name", valueName: "NAME", help: "Display name (default: the id, capitalised)"),
                  OptionSpec("country", valueName: "CC", help: "ISO 3166-1 alpha-2 code", defaultValue: "ZZ"), sign, json],
        positionals: [city],
        examples: ["agora roster add-member sofia --key 3b6a… --url https://sofia.example --federation-url https://sofia.example:9443 --pin AbC…= --name Sofia --country BG"],
        action: { context in
            let city = try context.cityArgument()
            let keys = try context.arguments.strings("key").map(context.keyArgument)
            guard !keys.isEmpty else { throw CLIError.usage("give the city's signing key: --key HEX", command: context.path) }
            let op = RosterOperation.addMember(city: city, name: context.arguments.string("name") ?? city.capitalized,
                                               country: context.arguments.string("country") ?? "ZZ", keys: keys, node: try node(context))
            try await update(context, [op], verb: "added \(city)")
            return .success
        })

    static let setNode = CommandSpec(
        "set-node", summary: "Set a member's node URLs and TLS pin (a steward, or the city with its current key)",
        options: [OptionSpec("url", valueName: "URL", help: "The node's public URL"),
                  OptionSpec("federation-url", valueName: "URL", help: "The node's federation URL"),
                  OptionSpec("pin", valueName: "PIN", help: "The new certificate's pin"), sign, json],
        positionals: [city],
        examples: ["agora roster set-node tirana --url https://tirana.example --federation-url https://tirana.example:9443 --pin NeW…="],
        action: { context in
            let city = try context.cityArgument()
            try await update(context, [.setNode(city: city, node: try node(context))], verb: "set \(city)'s node")
            return .success
        })

    static let addKey = CommandSpec(
        "add-key", summary: "Give a member a new signing key (a steward, or the city with a current key)",
        options: [sign, json], positionals: [city, PositionalSpec("HEX", help: "The new public key, 64 hex digits")],
        examples: ["agora roster add-key sofia 9c1f…"],
        action: { context in
            let city = try context.cityArgument()
            let key = try context.keyArgument(try context.arguments.required("HEX"))
            try await update(context, [.addKey(city: city, key: key)], verb: "added a key to \(city)")
            return .success
        })

    static func member(_ name: String, _ summary: String, _ make: @escaping @Sendable (String, HLCTimestamp) -> RosterOperation) -> CommandSpec {
        CommandSpec(name, summary: summary, options: [sign, json, OptionSpec("at", valueName: "MS", help: "The stamp, Unix ms (default: now)")],
                    positionals: [city], examples: ["agora roster \(name) sofia"],
                    action: { context in
                        let city = try context.cityArgument()
                        try await update(context, [make(city, try context.rosterStamp())], verb: "\(name) \(city)")
                        return .success
                    })
    }

    static func key(_ name: String, _ summary: String, _ make: @escaping @Sendable ([UInt8], HLCTimestamp) -> RosterOperation) -> CommandSpec {
        CommandSpec(name, summary: summary, options: [sign, json, OptionSpec("at", valueName: "MS", help: "The stamp, Unix ms (default: now)")],
                    positionals: [PositionalSpec("HEX", help: "The public key, 64 hex digits")], examples: ["agora roster \(name) 3b6a…"],
                    action: { context in
                        let key = try context.keyArgument(try context.arguments.required("HEX"))
                        try await update(context, [make(key, try context.rosterStamp())], verb: "\(name) \(Hex.encode(key).prefix(16))…")
                        return .success
                    })
    }

    /// Signs `ops` on the current head with the roster key and hands the update to the node.
    static func update(_ context: CommandContext, _ ops: [RosterOperation], verb: String) async throws {
        let roster = try await context.currentRoster()
        let update: RosterUpdate
        do { update = try RosterSigner(crypto: OpenSSLChangeCryptography()).update(ops, on: roster, key: try context.rosterSigningKey()) } catch let error as RosterError {
            throw CLIError.failure("the roster would refuse this update: \(error)", cause: error)
        }
        try await context.submitRoster([update], verb: verb)
    }

    static func node(_ context: CommandContext) throws -> Roster.Node {
        guard let url = context.arguments.string("url"), let federation = context.arguments.string("federation-url"),
              var pin = context.arguments.string("pin") else {
            throw CLIError.usage("give --url URL --federation-url URL --pin PIN (agora status --json prints them)", command: context.path)
        }
        if pin.hasPrefix("sha256//") { pin.removeFirst(8) }
        return Roster.Node(url: url, federationURL: federation, pin: pin)
    }
}
