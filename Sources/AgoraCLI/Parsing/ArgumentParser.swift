/// Parses the words of a command line against a tree of ``CommandSpec``s.
///
/// Accepted forms: nested subcommands (`keys generate`), `--long VALUE`, `--long=VALUE`,
/// `-s VALUE`, `-sVALUE`, clustered short flags (`-hj`), repeated options, positionals
/// anywhere after their command, and `--` after which every word is positional.
/// Options of an ancestor marked `isGlobal` are accepted by every descendant.
public struct ArgumentParser: Sendable {
    /// The result of a parse: the selected command (with its ancestors) and its arguments.
    public struct Invocation: Sendable {
        /// The commands from the root to the selected one.
        public let path: [CommandSpec]
        /// The parsed options and positionals.
        public let arguments: ParsedArguments

        /// The selected command.
        public var command: CommandSpec { path[path.count - 1] }
        /// The command names from the root: `["agora", "keys", "generate"]`.
        public var names: [String] { path.map(\.name) }
    }

    /// The built-in help option every command accepts.
    public static let helpOption = OptionSpec.flag("help", short: "h", help: "Show this help and exit")

    private let root: CommandSpec

    /// Creates a parser for the tree under `root`.
    public init(root: CommandSpec) { self.root = root }

    /// Parses the arguments (without the program name).
    ///
    /// - Throws: a usage ``CLIError`` naming the offending word, with a suggestion when one is close.
    ///   When `--help` is present, errors after the command is selected are not reported.
    public func parse(_ words: [String]) throws -> Invocation {
        var state = State(path: [root])
        var index = 0
        while index < words.count {
            index = try consume(words, at: index, into: &state)
        }
        if state.arguments.wantsHelp { return Invocation(path: state.path, arguments: state.arguments) }
        try assignPositionals(&state)
        return Invocation(path: state.path, arguments: state.arguments)
    }

    private struct State {
        var path: [CommandSpec]
        var arguments = ParsedArguments()
        var loose: [String] = []
        var terminated = false

        var command: CommandSpec { path[path.count - 1] }
        var names: [String] { path.map(\.name) }

        /// The options the selected command accepts: its own, the global ones of its ancestors, help.
        var options: [OptionSpec] {
            var all = command.options
            for ancestor in path.dropLast() { all += ancestor.options.filter(\.isGlobal) }
            return all + [ArgumentParser.helpOption]
        }
    }

    /// Consumes the word at `index` (and its value, if it takes one); returns the next index.
    private func consume(_ words: [String], at index: Int, into state: inout State) throws -> Int {
        let word = words[index]
        if state.terminated { state.loose.append(word); return index + 1 }
        if word == "--" { state.terminated = true; return index + 1 }
        if word.hasPrefix("--") { return try consumeLong(words, at: index, into: &state) }
        if word.hasPrefix("-"), word.count > 1 { return try consumeShort(words, at: index, into: &state) }
        if state.loose.isEmpty, let sub = state.command.subcommand(named: word) {
            state.path.append(sub)
            return index + 1
        }
        if !state.command.subcommands.isEmpty, state.command.positionals.isEmpty, !state.arguments.wantsHelp {
            let names = state.command.subcommands.map(\.name)
            throw CLIError.usage(
                "unknown command '\(word)' for '\(state.names.joined(separator: " "))'"
                    + Suggestions.hint(for: word, among: names),
                command: state.names)
        }
        state.loose.append(word)
        return index + 1
    }

    private func consumeLong(_ words: [String], at index: Int, into state: inout State) throws -> Int {
        let body = words[index].dropFirst(2)
        let name = String(body.prefix { $0 != "=" })
        let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
        guard let option = state.options.first(where: { $0.long == name }) else {
            if state.arguments.wantsHelp { return index + 1 }
            throw CLIError.usage(
                "unknown option '--\(name)' for '\(state.names.joined(separator: " "))'"
                    + Suggestions.hint(for: name, among: state.options.map(\.long), prefix: "--"),
                command: state.names)
        }
        if option.arity == .flag {
            if inline != nil { throw CLIError.usage("option --\(name) takes no value", command: state.names) }
            try record(option, value: nil, into: &state)
            return index + 1
        }
        if let inline { try record(option, value: inline, into: &state); return index + 1 }
        guard index + 1 < words.count else {
            throw CLIError.usage("option --\(name) needs a value (\(option.valueName))", command: state.names)
        }
        try record(option, value: words[index + 1], into: &state)
        return index + 2
    }

    private func consumeShort(_ words: [String], at index: Int, into state: inout State) throws -> Int {
        var letters = Substring(words[index].dropFirst())
        while let letter = letters.first {
            letters = letters.dropFirst()
            guard let option = state.options.first(where: { $0.short == letter }) else {
                if state.arguments.wantsHelp { return index + 1 }
                let shorts = state.options.compactMap { $0.short.map(String.init) }
                throw CLIError.usage(
                    "unknown option '-\(letter)' for '\(state.names.joined(separator: " "))'"
                        + (shorts.isEmpty ? "" : "; short options here: " + shorts.map { "-\($0)" }.joined(separator: " ")),
                    command: state.names)
            }
            if option.arity == .flag { try record(option, value: nil, into: &state); continue }
            if !letters.isEmpty { try record(option, value: String(letters), into: &state); return index + 1 }
            guard index + 1 < words.count else {
                throw CLIError.usage("option -\(letter) needs a value (\(option.valueName))", command: state.names)
            }
            try record(option, value: words[index + 1], into: &state)
            return index + 2
        }
        return index + 1
    }

    private func record(_ option: OptionSpec, value: String?, into state: inout State) throws {
        guard let value else {
            if option.long == Self.helpOption.long { state.arguments.wantsHelp = true }
            state.arguments.flags.insert(option.long)
            return
        }
        if let choices = option.choices, !choices.contains(value) {
            throw CLIError.usage(
                "invalid value '\(value)' for --\(option.long): expected one of \(choices.joined(separator: ", "))"
                    + Suggestions.hint(for: value, among: choices),
                command: state.names)
        }
        if option.arity == .single, state.arguments.values[option.long] != nil {
            throw CLIError.usage("option --\(option.long) was given more than once", command: state.names)
        }
        state.arguments.values[option.long, default: []].append(value)
    }

    /// Hands the loose words to the selected command's positionals, in order.
    private func assignPositionals(_ state: inout State) throws {
        let command = state.command
        for option in state.options { if let value = option.defaultValue { state.arguments.defaults[option.long] = value } }
        if command.action == nil, !command.subcommands.isEmpty {
            let names = command.subcommands.map(\.name).joined(separator: ", ")
            throw CLIError.usage("'\(state.names.joined(separator: " "))' needs a subcommand: \(names)", command: state.names)
        }
        var loose = state.loose[...]
        for spec in command.positionals {
            if spec.isRepeated {
                if loose.isEmpty, !spec.isOptional { throw missing(spec, state) }
                state.arguments.positionals[spec.name] = Array(loose)
                loose = []
            } else if let first = loose.first {
                state.arguments.positionals[spec.name] = [first]
                loose = loose.dropFirst()
            } else if !spec.isOptional {
                throw missing(spec, state)
            }
        }
        if let extra = loose.first {
            throw CLIError.usage("unexpected argument '\(extra)' for '\(state.names.joined(separator: " "))'", command: state.names)
        }
    }

    private func missing(_ spec: PositionalSpec, _ state: State) -> CLIError {
        CLIError.usage("missing argument \(spec.name) for '\(state.names.joined(separator: " "))'", command: state.names)
    }
}
