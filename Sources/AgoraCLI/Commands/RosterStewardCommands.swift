import AgoraCore
import AgoraCrypto
import AgoraNode
import Foundation

/// `agora roster set-stewards` and `cosign`: the steward list needs two steward signatures, so
/// one steward writes a draft and another co-signs it.
enum RosterStewardCommands {
    static let setStewards = CommandSpec(
        "set-stewards", summary: "Write a new steward list as a draft for a second steward to co-sign",
        discussion: "Signs the update with --sign (a current steward's key) and writes it to --out; a second steward runs 'agora roster cosign FILE', which adds their signature and hands the update to the node. Stewards left out retire at --at (default now).",
        options: [OptionSpec("steward", arity: .repeated, valueName: "HEX", help: "A steward's public key (list every steward, old ones kept too)"),
                  OptionSpec("steward-city", valueName: "ID", help: "The id stewards sign for", defaultValue: "secretariat"),
                  OptionSpec("out", short: "o", valueName: "FILE", help: "Where to write the draft", defaultValue: "stewards.update"),
                  OptionSpec("at", valueName: "MS", help: "When dropped stewards retire, Unix ms (default: now)"), RosterCommands.sign],
        examples: ["agora roster set-stewards --steward 3b6a… --steward 9c1f… --out stewards.update"],
        action: { context in
            let city = context.arguments.string("steward-city") ?? "secretariat"
            let stewards = try context.arguments.strings("steward").map { Roster.Steward(key: try context.keyArgument($0), city: city) }
            guard !stewards.isEmpty else { throw CLIError.usage("list the stewards: --steward HEX ...", command: context.path) }
            let roster = try await context.currentRoster()
            let draft: RosterUpdate
            do {
                draft = try RosterSigner(crypto: OpenSSLChangeCryptography()).update([.setStewards(stewards: stewards, at: try context.rosterStamp())],
                                                                                     on: roster, key: try context.rosterSigningKey())
            } catch let error as RosterError { throw CLIError.failure("the roster would refuse this update: \(error)", cause: error) }
            let out = context.arguments.string("out") ?? "stewards.update"
            try Data(draft.wireBytes + [0x0A]).write(to: context.io.resolve(out))
            context.out.line("wrote \(out) (update \(draft.id.hex)); a second steward runs: agora roster cosign \(out)")
            return .success
        })

    static let resolveFork = CommandSpec(
        "resolve-fork", summary: "Write a draft that ends a fork by keeping one branch, for a second steward to co-sign",
        discussion: "KEEP is the candidate to keep (agora roster show lists them); every other candidate is dropped. The draft's parent is KEEP; it takes effect once a second steward co-signs it (agora roster cosign FILE). See protocol/ROSTER.md 4.2.",
        options: [OptionSpec("out", short: "o", valueName: "FILE", help: "Where to write the draft", defaultValue: "resolve.update"), RosterCommands.sign],
        positionals: [PositionalSpec("KEEP", help: "The id of the candidate update to keep")],
        examples: ["agora roster resolve-fork 63ff7bd3… --out resolve.update"],
        action: { context in
            let keepText = try context.arguments.required("KEEP")
            guard let keep = RosterUpdateID(hex: keepText) else { throw CLIError.usage("'\(keepText)' is not an update id (64 lowercase hex digits)") }
            let snapshot = try await context.withNode(writable: false) { $0.roster.snapshot }
            guard let fork = snapshot.fold?.fork, let roster = snapshot.roster, let kept = snapshot.chain?.updates[keep], fork.candidates.contains(keep) else {
                throw CLIError.failure("\(keep.hex) is not a candidate of a fork this node sees (agora roster show)")
            }
            let crypto = OpenSSLChangeCryptography()
            let draft: RosterUpdate
            do {
                let after = try roster.applying(kept, crypto: crypto)
                draft = try RosterSigner(crypto: crypto).update([.resolveFork(keep: keep, drop: fork.candidates.filter { $0 != keep })],
                                                                on: after, key: try context.rosterSigningKey())
            } catch let error as RosterError { throw CLIError.failure("the roster would refuse this update: \(error)", cause: error) }
            let out = context.arguments.string("out") ?? "resolve.update"
            try Data(draft.wireBytes + [0x0A]).write(to: context.io.resolve(out))
            context.out.line("wrote \(out) (update \(draft.id.hex)); a second steward runs: agora roster cosign \(out)")
            return .success
        })

    static let cosign = CommandSpec(
        "cosign", summary: "Add your steward signature to a draft update and hand it to the node",
        options: [RosterCommands.sign, RosterCommands.json],
        positionals: [PositionalSpec("FILE", help: "The draft (one update's wire line)")],
        examples: ["agora roster cosign stewards.update --sign steward-2.key"],
        action: { context in
            let path = try context.arguments.required("FILE")
            let bytes = RosterLines.split(try RosterFiles.read(context.io.resolve(path), limit: RosterLimits.maxUpdateBytes + 2))
            guard bytes.count == 1 else { throw CLIError.failure("\(path): expected one roster update, found \(bytes.count) lines") }
            let crypto = OpenSSLChangeCryptography()
            let draft: RosterUpdate
            do { draft = try RosterUpdate.parse(bytes[0], crypto: crypto) } catch { throw CLIError.failure("\(path): \(error)", cause: error) }
            let signed = try RosterSigner(crypto: crypto).cosign(draft, key: try context.rosterSigningKey())
            try Data(signed.wireBytes + [0x0A]).write(to: context.io.resolve(path))
            try await context.submitRoster([signed], verb: "co-signed")
            return .success
        })
}

/// Reading roster files (drafts, bundles) with a size limit.
enum RosterFiles {
    /// The bytes of `url`, refusing a missing file or one over `limit` bytes before reading it.
    static func read(_ url: URL, limit: Int) throws -> [UInt8] {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int else {
            throw CLIError.environment("\(url.path): no such file")
        }
        guard size <= limit else { throw CLIError.failure("\(url.path) is \(size) bytes; at most \(limit)") }
        return Array(try Data(contentsOf: url))
    }

}
