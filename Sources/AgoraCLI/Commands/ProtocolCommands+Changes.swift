import AgoraCore
import AgoraCrypto
import AgoraNode
import Foundation

/// `agora protocol sign | verify | merge`: signed changes for implementers.
extension ProtocolCommands {
    static let changeOptions: [OptionSpec] = [
        OptionSpec("directory", valueName: "FILE", help: "A key directory (JSON); without it a signature is checked against the header's key alone"),
        OptionSpec("coalition", valueName: "ID", help: "The coalition changes must name", defaultValue: NodeConfig.defaultCoalition),
    ]

    static let sign = CommandSpec(
        "sign", summary: "Sign an unsigned change: its wire form on stdout, its id on stderr",
        discussion: """
        Reads an unsigned change ({"coalition","record","city","hlc":[ms,c],"ops":[...]}, each op
        with its value inline), files every value under its SHA-256, signs the canonical header with
        the key and writes the change's canonical wire form as one JSON Lines line. The id goes to
        standard error (or into the object with --json) so the output can be piped on.
        """,
        options: [
            OptionSpec("key", short: "k", valueName: "FILE", help: "The Ed25519 private key file (mode 0600)"),
            .flag("json", help: "Print {\"id\":…,\"change\":…} on one line instead"),
        ],
        positionals: [PositionalSpec("FILE", help: "The unsigned change; '-' or absent reads standard input", isOptional: true)],
        examples: ["agora protocol sign --key signing.key < unsigned.json > change.jsonl"],
        action: runSign)

    static let verify = CommandSpec(
        "verify", summary: "Verify changes: exit 0 and their ids, or exit 1 and the precise reason",
        discussion: """
        Reads one change, or JSON Lines of changes (a body-less change is accepted only with a valid
        redaction of it in the same input). Checks in order: size, JSON, canonical form, schema, body
        hashes, coalition, key, timestamp (no more than --max-skew ahead of --now), signature, and
        missing bodies. Prints each id, or 'line N: <code>: <path>: <reason>' on standard error.
        """,
        options: changeOptions + [
            OptionSpec("now", valueName: "MS", help: "The receiver's clock in milliseconds since 1970", defaultDescription: "the system clock"),
            OptionSpec("max-skew", valueName: "SECONDS", help: "How far ahead of --now a stamp may be", defaultValue: "300"),
            .flag("no-time-check", help: "Do not refuse future timestamps (replaying a log)"),
            .flag("json", help: "One JSON object per change: {\"line\",\"ok\",\"id\"} or {\"line\",\"ok\",\"code\",\"path\",\"message\"}"),
        ],
        positionals: [PositionalSpec("FILE", help: "The change(s); '-' or absent reads standard input", isOptional: true)],
        examples: ["agora protocol verify change.jsonl", "agora protocol sign --key k.key < u.json | agora protocol verify"],
        action: runVerify)

    static let merge = CommandSpec(
        "merge", summary: "Merge a set of changes into the canonical state of each record",
        discussion: """
        Reads JSON Lines of changes (from the files, or standard input), verifies every one against
        the key directory, and writes the state of each record they name as one canonical JSON line,
        sorted by record id. The state is the same whatever the order or duplication of the input.
        Any invalid change stops the merge with exit 1 and its reason.
        """,
        options: changeOptions + [
            OptionSpec("record", valueName: "ID", help: "Print only this record's state"),
            .flag("pretty", help: "Indent the JSON for reading (not canonical)"),
        ],
        positionals: [PositionalSpec("FILE", help: "JSON Lines files of changes; absent reads standard input", isOptional: true, isRepeated: true)],
        examples: ["agora protocol merge --directory keys.json changes.jsonl", "cat a.jsonl b.jsonl | agora protocol merge --directory keys.json"],
        action: runMerge)

    @Sendable static func runSign(_ context: CommandContext) async throws -> ExitCode {
        guard let keyPath = context.arguments.string("key") else { throw CLIError.usage("missing --key FILE", command: context.path) }
        let keyURL = context.io.resolve(keyPath)
        guard FileManager.default.fileExists(atPath: keyURL.path) else { throw CLIError.environment("\(keyPath): no such file") }
        let key = try KeyFile.readEd25519PrivateKey(at: keyURL.path)
        let input = try context.readInput(context.arguments.positional("FILE"))
        let signed: VerifiedChange
        do {
            signed = try ChangeSigner(crypto: OpenSSLChangeCryptography()).sign(unsignedJSON: input.bytes, key: key)
        } catch let rejection as ChangeRejection {
            throw CLIError.failure("\(input.name): \(rejection)", cause: rejection)
        }
        if context.arguments.flag("json") {
            context.out.line(JSONOutput.object([("id", .string(signed.id.hex)), ("change", signed.change.wireJSON)]))
        } else {
            context.out.write(Data(signed.change.wireBytes + [0x0A]))
            context.err.line("id: \(signed.id.hex)")
        }
        return .success
    }

    @Sendable static func runVerify(_ context: CommandContext) async throws -> ExitCode {
        let args = context.arguments
        let input = try context.readInput(args.positional("FILE"))
        let lines = JSONLines.documents(input.bytes)
        guard !lines.isEmpty else { throw CLIError.failure("\(input.name): no change in the input") }
        let skew = try args.value("max-skew", as: Int.self) ?? 300
        guard skew >= 0 else { throw CLIError.usage("invalid value '\(skew)' for --max-skew: expected a non-negative integer") }
        let now = try args.value("now", as: Int.self) ?? Int(context.io.now())
        var verifier = try makeVerifier(context)
        verifier.maxSkewMilliseconds = UInt64(skew) * 1000
        let wall: UInt64? = args.flag("no-time-check") ? nil : UInt64(max(0, now))
        let results = verifier.verifyBatch(lines.map(\.bytes), wallMilliseconds: wall)
        var failed = false
        for (line, result) in zip(lines, results) {
            failed = report(result, line: line.number, name: input.name, context: context) || failed
        }
        return failed ? .failure : .success
    }

    /// Prints one verification result; returns whether it failed.
    private static func report(_ result: Result<VerifiedChange, ChangeRejection>, line: Int, name: String, context: CommandContext) -> Bool {
        let json = context.arguments.flag("json")
        switch result {
        case .success(let change):
            context.out.line(json ? JSONOutput.object([("line", .number(Double(line))), ("ok", .bool(true)), ("id", .string(change.id.hex))]) : change.id.hex)
            return false
        case .failure(let rejection):
            if json {
                context.out.line(JSONOutput.object([
                    ("line", .number(Double(line))), ("ok", .bool(false)), ("code", .string(rejection.code.name)),
                    ("path", rejection.path.map(JSONValue.string) ?? .null), ("message", .string(rejection.message)),
                ]))
            } else {
                context.err.line("agora: error: \(name): line \(line): " + TerminalText.escape(rejection.description))
            }
            return true
        }
    }

    /// A verifier for the coalition given (or that of the first change) and the key directory, if any.
    static func makeVerifier(_ context: CommandContext) throws -> ChangeVerifier {
        let crypto = OpenSSLChangeCryptography()
        var directory: KeyDirectory?
        if let path = context.arguments.string("directory") {
            let file = try context.readInput(path)
            do {
                directory = try KeyDirectory(json: try CanonicalJSON.decode(file.bytes), crypto: crypto)
            } catch {
                throw CLIError.failure("\(path): \(error)", cause: error)
            }
        }
        let coalition = context.arguments.string("coalition") ?? NodeConfig.defaultCoalition
        return ChangeVerifier(crypto: crypto, coalition: coalition, directory: directory)
    }

    @Sendable static func runMerge(_ context: CommandContext) async throws -> ExitCode {
        guard context.arguments.string("directory") != nil else { throw CLIError.usage("missing --directory FILE", command: context.path) }
        let files = context.arguments.positionalList("FILE")
        var lines: [(name: String, number: Int, bytes: [UInt8])] = []
        for file in files.isEmpty ? ["-"] : files {
            let input = try context.readInput(file)
            lines += JSONLines.split(input.bytes).map { (input.name, $0.number, $0.bytes) }
        }
        guard !lines.isEmpty else { throw CLIError.failure("no change in the input") }
        let verifier = try makeVerifier(context)
        var changes: [VerifiedChange] = []
        for (line, result) in zip(lines, verifier.verifyBatch(lines.map(\.bytes), wallMilliseconds: nil)) {
            switch result {
            case .success(let change): changes.append(change)
            case .failure(let rejection): throw CLIError.failure("\(line.name): line \(line.number): \(rejection)", cause: rejection)
            }
        }
        let directory = verifier.directory ?? .empty
        var states = RecordMerge.states(changes: changes, directory: directory).sorted { $0.key < $1.key }
        if let wanted = context.arguments.string("record") {
            states = states.filter { $0.key.description == wanted }
            guard !states.isEmpty else { throw CLIError.failure("no change names the record \(wanted)") }
        }
        for (_, state) in states {
            if context.arguments.flag("pretty") {
                context.out.line(JSONWriter.pretty(state.json))
            } else {
                context.out.write(Data(state.canonicalJSON + [0x0A]))
            }
        }
        return .success
    }
}
