/// The `agora` command tree: every command is declared here or in a file of its own.
public enum RootCommand {
    /// The global `--dir` option: the node directory every node command works on.
    public static let directoryOption = OptionSpec(
        "dir", short: "d", valueName: "DIR", help: "The node directory",
        defaultDescription: "$AGORA_DIR or ./agora-node", isGlobal: true)

    /// The root of the tree.
    public static let spec: CommandSpec = CommandSpec(
        "agora",
        summary: "Agora: the federated knowledge exchange of the Cities Coalition for Digital Rights.",
        discussion: """
        Each member city runs a node that holds its own practices, pilots and toolkits as signed
        changes. These commands manage a node directory, publish and find records, and give
        implementers a toolbox for the protocol (canonical JSON, keys, signatures, merge).
        """,
        options: [directoryOption, .flag("version", help: "Print the version and exit")],
        examples: [
            "agora init --city tirana --name Tirana --country AL",
            "agora init --from nodes/tirana --dir tirana-node",
            "agora publish nodes/tirana/catalog/*.json",
            "agora search 'të dhëna' --lang en",
            "agora show tirana/practice/open-data-portal --history",
            "agora protocol canonicalize < doc.json",
        ],
        subcommands: [
            InitCommand.spec, WriteCommands.publish, WriteCommands.edit, WriteCommands.delete, WriteCommands.redact,
            WriteCommands.adopt, SearchCommand.spec, ShowCommand.spec, TransferCommands.importSpec, TransferCommands.exportSpec,
            TransferCommands.rebuildSpec, ServeCommand.spec, KeysCommands.spec, UsersCommands.spec, TLSCommands.spec, RosterCommands.spec,
            RosterShowCommands.enrol, SyncCommand.spec, StatusCommand.spec, ProtocolCommands.spec, HelpCommand.spec,
        ],
        action: runRoot)

    /// `agora --version`, or the help on standard error (exit 2) when no command is given.
    @Sendable static func runRoot(_ context: CommandContext) async throws -> ExitCode {
        guard context.arguments.flag("version") else {
            context.err.write(CommandLineTool.help(for: [spec]))
            return .usage
        }
        context.out.line("agora \(CommandLineTool.version)")
        return .success
    }

    /// Exit codes and environment, shown at the end of `agora --help`.
    static var epilogue: String {
        var text = "EXIT CODES:\n"
        for (code, meaning) in ExitCode.documented { text += "  \(code)  \(meaning)\n" }
        text += "\nENVIRONMENT:\n  AGORA_DIR   the node directory when --dir is not given\n"
        text += "  AGORA_CLOCK_OFFSET_MS   testing only: shift the node's clock by this many milliseconds\n"
        return text
    }
}

/// `agora help [COMMAND...]`: the same text as `--help`.
enum HelpCommand {
    static let spec: CommandSpec = CommandSpec(
        "help", summary: "Show the help of a command",
        positionals: [PositionalSpec("COMMAND", help: "The command path, e.g. 'keys generate'", isOptional: true, isRepeated: true)],
        examples: ["agora help", "agora help keys generate"],
        action: { context in
            var path = [RootCommand.spec]
            for name in context.arguments.positionalList("COMMAND") {
                guard let next = path[path.count - 1].subcommand(named: name) else {
                    let names = path[path.count - 1].subcommands.map(\.name)
                    throw CLIError.usage("unknown command '\(name)'" + Suggestions.hint(for: name, among: names))
                }
                path.append(next)
            }
            context.out.write(CommandLineTool.help(for: path))
            return .success
        })
}
