import AgoraCore
import AgoraCrypto
import AgoraNode
import Foundation

/// `agora keys ...`: Ed25519 signing keys.
enum KeysCommands {
    static let spec = CommandSpec(
        "keys", summary: "Ed25519 signing keys, and the node's key directory",
        discussion: "A city signs every change with an Ed25519 key. Key files are PKCS#8 PEM with mode 0600; a key file that group or others can read is refused. 'trust' and 'list' manage the keys a node accepts changes from.",
        examples: ["agora keys generate --out tirana.key", "agora keys show tirana.key --json"],
        subcommands: [generate, show, trust, list, KeysRosterCommands.rotate, KeysRosterCommands.recover])

    static let generate = CommandSpec(
        "generate", summary: "Generate a new Ed25519 signing key",
        discussion: "Writes the private key (mode 0600) and prints its public key and fingerprint. An existing file is never overwritten.",
        options: [
            OptionSpec("out", short: "o", valueName: "FILE", help: "Where to write the private key", defaultValue: "signing.key"),
            .flag("json", help: "Print the result as JSON"),
        ],
        examples: ["agora keys generate", "agora keys generate --out keys/tirana-2026.key --json"],
        action: { context in
            let path = context.arguments.string("out") ?? "signing.key"
            let url = context.io.resolve(path)
            guard !FileManager.default.fileExists(atPath: url.path) else {
                throw CLIError.environment("\(path): already exists; refusing to overwrite a key (choose another --out)")
            }
            let key = try Ed25519.PrivateKey.generate()
            try KeyFile.write(key, to: url.path)
            try describe(key.publicKey, file: path, wrote: true, context: context)
            return .success
        })

    static let show = CommandSpec(
        "show", summary: "Print the public key and fingerprint of a key file",
        options: [.flag("json", help: "Print the result as JSON")],
        positionals: [PositionalSpec("FILE", help: "The private key file (PEM)")],
        examples: ["agora keys show signing.key"],
        action: { context in
            let path = try context.arguments.required("FILE")
            let url = context.io.resolve(path)
            guard FileManager.default.fileExists(atPath: url.path) else { throw CLIError.environment("\(path): no such file") }
            let key = try KeyFile.readEd25519PrivateKey(at: url.path)
            try describe(key.publicKey, file: path, wrote: false, context: context)
            return .success
        })

    /// Prints a public key as text or JSON.
    static func describe(_ key: Ed25519.PublicKey, file: String, wrote: Bool, context: CommandContext) throws {
        let hex = key.rawRepresentation.map { String(format: "%02x", $0) }.joined()
        if context.arguments.flag("json") {
            context.out.line(JSONOutput.object([
                ("file", .string(file)), ("publicKey", .string(hex)), ("fingerprint", .string(key.fingerprint)),
            ]))
            return
        }
        if wrote { context.out.line("wrote \(file) (mode 0600)") }
        context.out.line("public key:  \(hex)")
        context.out.line("fingerprint: \(key.fingerprint)")
    }

    static let trust = CommandSpec(
        "trust", summary: "Add a peer city's public key to the node's key directory",
        discussion: """
        The offline and testing path: the roster distributes keys (docs/FEDERATION.md), and keys
        in keys/directory.json count only for keys the roster does not hold. A change signed by a
        key known to neither is refused on import (unknown-key) and waits in the pending area.
        After adding a key, run 'agora rebuild' so stored changes are judged again.
        """,
        options: [
            OptionSpec("city", valueName: "ID", help: "The city the key signs for"),
            .flag("steward", help: "The key is a coalition steward's (may redact any change)"),
        ],
        positionals: [PositionalSpec("KEY", help: "The Ed25519 public key, 64 hex digits (as 'agora keys show' prints it)")],
        examples: ["agora keys trust --city sofia 3b6a27bc…"],
        action: { context in
            guard let city = context.arguments.string("city"), RecordID.isCityID(city) else {
                throw CLIError.usage("missing or invalid --city ID (e.g. sofia)", command: context.path)
            }
            let text = try context.arguments.required("KEY")
            guard let key = Hex.decode(text.lowercased(), count: Ed25519.publicKeyByteCount) else {
                throw CLIError.usage("'\(text)' is not an Ed25519 public key: expected 64 hex digits")
            }
            try context.nodeDirectory.trust(key: key, city: city, isSteward: context.arguments.flag("steward"))
            context.out.line("trusted \(city) key \(Hex.encode(key)); run 'agora rebuild' to judge stored changes again")
            return .success
        })

    static let list = CommandSpec(
        "list", summary: "List the keys of the node's key directory",
        options: [.flag("json", help: "Print the key directory as JSON")],
        examples: ["agora keys list"],
        action: { context in
            let directory = try context.nodeDirectory.keyDirectory()
            if context.arguments.flag("json") {
                context.out.line(String(decoding: CanonicalJSON.encode(directory.json), as: UTF8.self))
                return .success
            }
            var table = TextTable(header: ["CITY", "KEY", "STATUS"], uncut: [1])
            for (hex, entry) in directory.entries.sorted(by: { ($0.value.city, $0.key) < ($1.value.city, $1.key) }) {
                table.append([entry.city, hex, describe(entry.status) + (entry.isSteward ? ", steward" : "")])
            }
            context.out.write(table.render())
            return .success
        })

    static func describe(_ status: KeyDirectory.Status) -> String {
        switch status {
        case .active: return "active"
        case .retired(let at): return "retired at \(at)"
        case .compromised: return "compromised"
        }
    }
}
