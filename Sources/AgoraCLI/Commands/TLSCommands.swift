import AgoraCore
import AgoraCrypto
import Foundation

/// `agora tls ...`: the node's TLS identity.
enum TLSCommands {
    /// Validity of a certificate made by `agora tls cert` unless `--days` says otherwise.
    static let defaultValidDays = 825

    static let spec = CommandSpec(
        "tls", summary: "Create the node's TLS certificate",
        discussion: "Node certificates are ECDSA P-256 and self-signed (browsers refuse Ed25519 in TLS). Peers trust them by their SPKI pin, which the roster carries.",
        examples: ["agora tls cert --out-cert tls/certificate.pem --out-key tls/key.pem --name node.tirana.example"],
        subcommands: [cert])

    static let cert = CommandSpec(
        "cert", summary: "Generate a self-signed ECDSA P-256 certificate and print its SPKI pin",
        discussion: """
        Writes the certificate (PEM) and its private key (PEM, mode 0600) and prints the pin
        as 'sha256//<base64>', the form curl's --pinnedpubkey takes. Existing files are never
        overwritten. Without --san the certificate names 'localhost', '127.0.0.1' and '::1'.
        """,
        options: [
            OptionSpec("out-cert", valueName: "FILE", help: "Where to write the certificate"),
            OptionSpec("out-key", valueName: "FILE", help: "Where to write the private key (mode 0600)"),
            OptionSpec("name", short: "n", valueName: "NAME", help: "The certificate's common name", defaultValue: "localhost"),
            OptionSpec("san", arity: .repeated, valueName: "NAME", help: "A DNS name or IP address the certificate is valid for"),
            OptionSpec("days", valueName: "N", help: "Days of validity (\(TLSIdentity.minimumValidDays)-\(TLSIdentity.maximumValidDays))", defaultValue: String(defaultValidDays)),
            .flag("json", help: "Print the result as JSON"),
        ],
        examples: [
            "agora tls cert --out-cert cert.pem --out-key key.pem",
            "agora tls cert --out-cert cert.pem --out-key key.pem --name node.sofia.example --san node.sofia.example --san 10.0.0.5",
        ],
        action: run)

    @Sendable static func run(_ context: CommandContext) async throws -> ExitCode {
        let args = context.arguments
        guard let certPath = args.string("out-cert") else { throw CLIError.usage("missing --out-cert FILE", command: context.path) }
        guard let keyPath = args.string("out-key") else { throw CLIError.usage("missing --out-key FILE", command: context.path) }
        let days = try args.value("days", as: Int.self) ?? defaultValidDays
        guard (TLSIdentity.minimumValidDays...TLSIdentity.maximumValidDays).contains(days) else {
            throw CLIError.usage("invalid value '\(days)' for --days: expected \(TLSIdentity.minimumValidDays) to \(TLSIdentity.maximumValidDays)")
        }
        let certURL = context.io.resolve(certPath), keyURL = context.io.resolve(keyPath)
        for (path, url) in [(certPath, certURL), (keyPath, keyURL)] where FileManager.default.fileExists(atPath: url.path) {
            throw CLIError.environment("\(path): already exists; refusing to overwrite")
        }
        let names = args.strings("san").isEmpty ? ["localhost", "127.0.0.1", "::1"] : args.strings("san")
        let identity = try TLSIdentity.generate(commonName: args.string("name") ?? "localhost", subjectAltNames: names, validDays: days)
        try KeyFile.write(pem: identity.privateKeyPEM, to: keyURL.path)
        guard FileManager.default.createFile(atPath: certURL.path, contents: Data(identity.certificatePEM.utf8)) else {
            try? FileManager.default.removeItem(at: keyURL)
            throw CLIError.environment("\(certPath): cannot be written")
        }
        let pin = "sha256//" + identity.spkiPin
        if args.flag("json") {
            context.out.line(JSONOutput.object([
                ("certificate", .string(certPath)), ("key", .string(keyPath)), ("pin", .string(pin)),
                ("subjectAltNames", .array(names.map(JSONValue.string))),
                ("notAfter", .string(ISO8601DateFormatter().string(from: identity.notAfter))),
            ]))
        } else {
            context.out.line("wrote \(certPath) and \(keyPath) (mode 0600)")
            context.out.line("pin: \(pin)")
        }
        return .success
    }
}
