import AgoraCore
import AgoraNode
import Foundation

/// `agora init`: create a node directory.
enum InitCommand {
    static let spec = CommandSpec(
        "init", summary: "Create a node directory: config, signing key, TLS identity, database",
        discussion: """
        Creates the directory given by --dir (default $AGORA_DIR or ./agora-node) with node.json,
        a new Ed25519 signing key (mode 0600), the key directory, a self-signed ECDSA P-256 TLS
        certificate and an empty database. It refuses a directory that exists and is not empty.
        With --from, the city comes from <DIR>/city.json and the records of <DIR>/catalog/*.json
        and the adoptions of <DIR>/adoptions.json are published at once (the demo seed catalog).
        See docs/NODE-DIRECTORY.md.
        """,
        options: [
            OptionSpec("city", valueName: "ID", help: "The member city id, e.g. tirana"),
            OptionSpec("name", valueName: "NAME", help: "The city's display name, e.g. Tirana"),
            OptionSpec("country", valueName: "CC", help: "ISO 3166-1 alpha-2 country code, e.g. AL"),
            OptionSpec("language", valueName: "TAG", help: "The city's own language, e.g. sq (the default of 'agora adopt --lang')"),
            OptionSpec("coalition", valueName: "ID", help: "The coalition id", defaultValue: NodeConfig.defaultCoalition),
            OptionSpec("san", arity: .repeated, valueName: "NAME", help: "A DNS name or IP address for the TLS certificate (default: localhost, 127.0.0.1, ::1)"),
            OptionSpec("from", valueName: "DIR", help: "A node definition folder (nodes/<city>) to take the city and seed catalog from"),
            .flag("json", help: "Print the result as JSON"),
        ],
        examples: [
            "agora init --city tirana --name Tirana --country AL --dir /var/lib/agora",
            "agora init --from nodes/tirana --dir tirana-node",
        ],
        action: run)

    @Sendable static func run(_ context: CommandContext) async throws -> ExitCode {
        let args = context.arguments
        var seed: SeedFolder?
        if let from = args.string("from") { seed = try SeedFolder(context.io.resolve(from), name: from) }
        guard let city = args.string("city") ?? seed?.cityID else { throw CLIError.usage("missing --city ID (or --from DIR)", command: context.path) }
        guard RecordID.isCityID(city) else { throw CLIError.usage("invalid value '\(city)' for --city: expected a city id like 'tirana' ([a-z][a-z0-9-]{1,39})") }
        guard let name = args.string("name") ?? seed?.cityName else { throw CLIError.usage("missing --name NAME (or --from DIR)", command: context.path) }
        var config = NodeConfig(cityID: city, cityName: name, country: args.string("country") ?? seed?.country,
                                coalition: args.string("coalition") ?? NodeConfig.defaultCoalition)
        config.language = args.string("language") ?? seed?.language
        if let language = config.language, !RecordField.isLanguageTag(language) {
            throw CLIError.usage("invalid value '\(language)' for --language: expected a BCP-47 language tag such as 'sq'")
        }
        config.other = [:]
        let directory = try await NodeDirectory.create(at: context.nodeDirectory.root, config: config, tlsNames: args.strings("san"))
        let node = try LocalNode(directory: directory, writable: true, clock: context.io.now)
        let pin: String
        let key = node.signingPublicKey
        do {
            pin = try node.tlsPin()
            if let seed { try await seed.load(into: node, context: context) }
            await node.close()
        } catch {
            await node.close()
            let failure = ErrorTranslation.cliError(for: error)
            throw CLIError(failure.exitCode, failure.message + " (the node was created in \(directory.root.path); what came before this is loaded)", cause: error)
        }
        report(directory, config: config, pin: pin, key: key?.hex ?? "", context: context)
        return .success
    }

    static func report(_ directory: NodeDirectory, config: NodeConfig, pin: String, key: String, context: CommandContext) {
        if context.arguments.flag("json") {
            context.out.line(JSONOutput.object([
                ("directory", .string(directory.root.path)), ("city", .string(config.cityID)), ("coalition", .string(config.coalition)),
                ("signingKey", .string(key)), ("tlsPin", .string("sha256//" + pin)),
            ]))
            return
        }
        context.out.line("created node \(config.cityID) (\(config.cityName)) in \(directory.root.path)")
        context.out.line("signing key: \(key)")
        context.out.line("TLS pin: sha256//\(pin)")
    }
}
