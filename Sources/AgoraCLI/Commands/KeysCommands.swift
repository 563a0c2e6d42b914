import AgoraCrypto
import Foundation

/// `agora keys ...`: Ed25519 signing keys.
enum KeysCommands {
    static let spec = CommandSpec(
        "keys", summary: "Create and inspect Ed25519 signing keys",
        discussion: "A city signs every change with an Ed25519 key. Key files are PKCS#8 PEM with mode 0600; a key file that group or others can read is refused.",
        examples: ["agora keys generate --out tirana.key", "agora keys show tirana.key --json"],
        subcommands: [generate, show])

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
}
