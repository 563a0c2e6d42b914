/// What a command does when it runs: it gets its parsed arguments and the outside world,
/// and returns the exit code (or throws a ``CLIError``).
public typealias CommandAction = @Sendable (CommandContext) async throws -> ExitCode

/// One command or command group of the `agora` tool, declared as data.
///
/// The parser, `--help` and the suggestions all read the same declaration, so help can
/// never drift from what is accepted.
public struct CommandSpec: Sendable {
    /// The word that selects it: `generate` in `agora keys generate`.
    public let name: String
    /// One line, shown in the parent's list and at the top of its help.
    public let summary: String
    /// Paragraphs shown after the summary in its help.
    public let discussion: String
    /// Its options, in the order help lists them.
    public let options: [OptionSpec]
    /// Its positional arguments, in order.
    public let positionals: [PositionalSpec]
    /// Full example invocations, shown in help.
    public let examples: [String]
    /// Its subcommands, for a group such as `keys`.
    public let subcommands: [CommandSpec]
    /// What it does; nil for a pure group.
    public let action: CommandAction?

    /// Declares a command.
    public init(
        _ name: String, summary: String, discussion: String = "", options: [OptionSpec] = [],
        positionals: [PositionalSpec] = [], examples: [String] = [], subcommands: [CommandSpec] = [],
        action: CommandAction? = nil
    ) {
        self.name = name
        self.summary = summary
        self.discussion = discussion
        self.options = options
        self.positionals = positionals
        self.examples = examples
        self.subcommands = subcommands
        self.action = action
    }

    /// The subcommand with this name.
    func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }
}

/// Everything a running command can use.
public struct CommandContext: Sendable {
    /// The path of command names from the root: `["agora", "keys", "generate"]`.
    public let path: [String]
    /// Its parsed options and positionals.
    public let arguments: ParsedArguments
    /// Streams, environment and current directory.
    public let io: CommandIO

    /// Creates a context (the tool does this; tests may too).
    public init(path: [String], arguments: ParsedArguments, io: CommandIO) {
        self.path = path
        self.arguments = arguments
        self.io = io
    }

    /// Standard output.
    public var out: any OutputSink { io.standardOutput }
    /// Standard error.
    public var err: any OutputSink { io.standardError }
}
