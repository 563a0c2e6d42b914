import AgoraCore
import AgoraNode
import Foundation

/// `agora keys rotate` and `agora keys recover`: the city's own key changes through the roster.
enum KeysRosterCommands {
    static let rotate = CommandSpec(
        "rotate", summary: "Rotate the city's signing key: a roster update signed by the current key",
        discussion: "Makes keys/signing-<ms>.key, adds it to the roster and retires the current key at now, in one update signed by the current key; node.json then names the new key. If the current key may no longer sign (compromised), the new key is made all the same and a steward adds it: agora roster add-key CITY HEX. Stop 'agora serve' first and start it again after: the server holds the key it signs with.",
        options: [.flag("json", help: "Print the result as JSON")],
        examples: ["agora keys rotate"],
        action: { context in
            if await AdminClient.running(in: context.nodeDirectory.root.path) != nil {
                throw CLIError.environment("agora serve runs on this node and signs with the current key: stop it, rotate, then start it again")
            }
            let rotation = try await context.nodeDirectory.rotateSigningKey(now: context.io.now())
            if context.arguments.flag("json") {
                context.out.line(JSONOutput.object([("oldKey", .string(rotation.oldKey)), ("newKey", .string(rotation.newKey)),
                                                    ("file", .string(rotation.file)), ("update", rotation.update.map { .string($0) } ?? .null)]))
                return .success
            }
            context.out.line("new signing key \(rotation.newKey) in \(rotation.file); node.json names it")
            if let update = rotation.update {
                context.out.line("roster update \(update): the new key is active, \(rotation.oldKey.prefix(16))… retired now")
            } else {
                let city = (try? context.nodeDirectory.loadConfig().cityID) ?? "CITY"
                context.out.line("the current key may no longer sign: ask a steward to run: agora roster add-key \(city) \(rotation.newKey)")
            }
            return .success
        })

    static let recover = CommandSpec(
        "recover", summary: "After a stolen key: re-sign, under the new key, every record as the city vouches for it",
        discussion: "The compromised key's changes stamped up to --before (when the key was stolen) count again, in one new change per record that differs, signed by the node's current key. Run it after a steward marked the old key compromised and the new key is in the roster.",
        options: [OptionSpec("key", valueName: "HEX", help: "The compromised key"),
                  OptionSpec("before", valueName: "MS", help: "When the key was stolen, Unix ms: its earlier changes are vouched for"),
                  .flag("json", help: "Print the result as JSON")],
        examples: ["agora keys recover --key 3b6a… --before 1780000000000"],
        action: { context in
            guard let hex = context.arguments.string("key") else { throw CLIError.usage("missing --key HEX (the compromised key)", command: context.path) }
            let key = try context.keyArgument(hex)
            guard let before = try context.arguments.value("before", as: Int.self), before >= 0 else {
                throw CLIError.usage("missing --before MS: when the key was stolen (its changes up to then are re-signed)", command: context.path)
            }
            let writes = try await context.withNode(writable: true) { node in
                try await node.recover(compromisedKey: key, vouchingUpTo: HLCTimestamp(milliseconds: UInt64(before), counter: .max))
            }
            if context.arguments.flag("json") {
                context.out.line(JSONOutput.object([("records", .array(writes.map { .string($0.record) })),
                                                    ("changes", .array(writes.compactMap { $0.changeID.map { .string($0) } }))]))
                return .success
            }
            for write in writes { context.out.line("re-signed \(write.record) (change \(write.changeID ?? "-"))") }
            context.out.line("\(writes.count) record(s) re-signed under the new key")
            return .success
        })
}
