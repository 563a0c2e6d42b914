import AgoraCore
import AgoraNode
import AgoraCrypto
import Foundation

/// `agora roster show|bundle|pull` and `agora enrol`: reading and moving the roster.
enum RosterShowCommands {
    static let show = CommandSpec(
        "show", summary: "Print the roster: stewards, members, their keys, nodes and pins, and any fork",
        options: [RosterCommands.json], examples: ["agora roster show", "agora roster show --json"],
        action: { context in
            let snapshot = try await context.withNode(writable: false) { $0.roster.snapshot }
            guard let fold = snapshot.fold, let roster = fold.roster else {
                throw CLIError.failure("this node holds no roster yet: found one with 'agora roster genesis' or enrol with 'agora enrol BUNDLE'")
            }
            if context.arguments.flag("json") {
                var json = roster.json.objectValue ?? [:]
                json["fork"] = forkJSON(fold.fork)
                json["waiting"] = .number(Double(fold.waiting.count))
                context.out.line(String(decoding: CanonicalJSON.encode(.object(json)), as: UTF8.self))
                return .success
            }
            context.out.line("coalition \(roster.coalition), seq \(roster.sequence), head \(roster.head.hex)")
            context.out.line("genesis \(roster.genesis.hex)")
            if let fork = fold.fork {
                context.out.line("FORK at seq \(fork.sequence) after \(fork.parent.hex): \(fork.candidates.map(\.hex).joined(separator: ", ")) — neither applies (docs/FEDERATION.md, 'Resolve a fork')")
            }
            var stewards = TextTable(header: ["STEWARD", "KEY"], uncut: [1])
            for s in roster.stewards { stewards.append([s.city, Hex.encode(s.key)]) }
            context.out.write(stewards.render())
            var members = TextTable(header: ["CITY", "NAME", "STATUS", "URL", "FEDERATION", "PIN", "KEYS"], uncut: [5])
            for m in roster.members.values.sorted(by: { $0.city < $1.city }) {
                members.append([m.city, m.name, m.status.rawValue, m.node.url, m.node.federationURL, m.node.pin,
                                m.keys.map { "\(Hex.encode($0.key).prefix(12))… \(KeysCommands.describe($0.status))" }.joined(separator: "; ")])
            }
            context.out.write(members.render())
            return .success
        })

    static func forkJSON(_ fork: RosterFork?) -> JSONValue {
        fork.map { f in
            .object(["parent": .string(f.parent.hex), "seq": .number(Double(f.sequence)), "candidates": .array(f.candidates.map { .string($0.hex) })])
        } ?? .null
    }

    static let bundle = CommandSpec(
        "bundle", summary: "Write the roster chain as a bundle a new node enrols from",
        options: [OptionSpec("out", short: "o", valueName: "FILE", help: "Where to write the bundle (JSON Lines)", defaultValue: "roster.bundle")],
        examples: ["agora roster bundle --out ccdr.bundle"],
        action: { context in
            let bytes = try await context.withNode(writable: false) { try $0.rosterBundle() }
            let out = context.arguments.string("out") ?? "roster.bundle"
            try Data(bytes).write(to: context.io.resolve(out))
            context.out.line("wrote \(out) (\(bytes.filter { $0 == 0x0A }.count) updates)")
            return .success
        })

    static let pull = CommandSpec(
        "pull", summary: "Fetch roster updates from a member's federation port (mutual TLS, pinned)",
        options: [OptionSpec("from", valueName: "CITY", help: "The member to ask (default: each active peer until one answers)"), RosterCommands.json],
        examples: ["agora roster pull", "agora roster pull --from tirana"],
        action: { context in
            let from = context.arguments.string("from")
            let intake: NodeRoster.Intake
            if await AdminClient.running(in: context.nodeDirectory.root.path) != nil {
                let lines = try await context.withNode(writable: false) { node in try await pulledLines(node, from: from) }
                try await context.submitRoster([], lines: lines, verb: "pulled")
                return .success
            }
            intake = try await context.withNode(writable: true) { try await $0.pullRoster(from: from) }
            try context.reportIntake(intake.json, verb: "pulled", ids: [])
            return .success
        })

    static func pulledLines(_ node: LocalNode, from: String?) async throws -> [[UInt8]] {
        try await node.fetchRosterLines(from: from)
    }

    static let enrol = CommandSpec(
        "enrol", summary: "Enrol this node in the coalition from a roster bundle",
        discussion: "Takes the bundle's chain (its members, their keys, node URLs and pins). Check the genesis id with the secretariat out of band and pass it with --genesis.",
        options: [OptionSpec("genesis", valueName: "ID", help: "The coalition's genesis id; the bundle must start with it"), RosterCommands.json],
        positionals: [PositionalSpec("BUNDLE", help: "The bundle file (agora roster bundle)")],
        examples: ["agora enrol ccdr.bundle --genesis 1c1b7d71…"],
        action: { context in
            let path = try context.arguments.required("BUNDLE")
            let bytes = try RosterFiles.read(context.io.resolve(path), limit: RosterLimits.maxBundleBytes)
            let genesis = context.arguments.string("genesis")
            if await AdminClient.running(in: context.nodeDirectory.root.path) != nil {
                // The running server takes the updates (and checks them all); the genesis id is checked here.
                let lines = RosterLines.split(bytes)
                if let genesis, let first = lines.first,
                   let update = try? RosterUpdate.parse(first, crypto: OpenSSLChangeCryptography()), update.id.hex != genesis {
                    throw CLIError.failure("the bundle's genesis is \(update.id.hex), not \(genesis): wrong-genesis")
                }
                try await context.submitRoster([], lines: lines, verb: "took the bundle")
                return .success
            }
            let intake = try await context.withNode(writable: true) { try await $0.enrol(bundle: bytes, genesis: genesis) }
            try context.reportIntake(intake.json, verb: "enrolled", ids: [])
            return .success
        })
}
