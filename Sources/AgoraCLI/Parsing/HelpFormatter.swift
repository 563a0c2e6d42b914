import Foundation

/// Renders the `--help` text of a command from its declaration.
public struct HelpFormatter: Sendable {
    /// The width of the option column before help text starts.
    static let columnWidth = 26

    /// Creates a formatter.
    public init() {}

    /// The help of the last command of `path`, with the global options of its ancestors.
    public func help(for path: [CommandSpec], epilogue: String = "") -> String {
        let command = path[path.count - 1]
        var text = "USAGE: \(usage(for: path))\n\n\(command.summary)\n"
        if !command.discussion.isEmpty { text += "\n\(command.discussion)\n" }
        if !command.positionals.isEmpty {
            text += "\nARGUMENTS:\n" + command.positionals.map { row($0.usageText, $0.help) }.joined()
        }
        text += "\nOPTIONS:\n" + (command.options + [ArgumentParser.helpOption]).map(optionRow).joined()
        let globals = path.dropLast().flatMap { $0.options.filter(\.isGlobal) }
        if !globals.isEmpty { text += "\nGLOBAL OPTIONS:\n" + globals.map(optionRow).joined() }
        if !command.subcommands.isEmpty {
            text += "\nSUBCOMMANDS:\n" + command.subcommands.map { row($0.name, $0.summary) }.joined()
            let names = path.map(\.name).joined(separator: " ")
            text += "\n  See '\(names) <subcommand> --help' for the options of each.\n"
        }
        if !command.examples.isEmpty {
            text += "\nEXAMPLES:\n" + command.examples.map { "  \($0)\n" }.joined()
        }
        if !epilogue.isEmpty { text += "\n\(epilogue)" }
        return text
    }

    /// The one-line usage: `agora keys generate [--out FILE] [--json]`.
    public func usage(for path: [CommandSpec]) -> String {
        let command = path[path.count - 1]
        var parts = path.map(\.name)
        if !command.subcommands.isEmpty, command.positionals.isEmpty { parts.append("<subcommand>") }
        for option in command.options {
            let text = option.usageText
            parts.append(option.arity == .repeated ? "[\(text) ...]" : "[\(text)]")
        }
        parts += command.positionals.map(\.usageText)
        return parts.joined(separator: " ")
    }

    private func optionRow(_ option: OptionSpec) -> String {
        let names = (option.short.map { "-\($0), " } ?? "    ") + option.usageText
        var help = option.help
        if let choices = option.choices { help += " (one of: \(choices.joined(separator: ", ")))" }
        if let described = option.defaultDescription ?? option.defaultValue { help += " (default: \(described))" }
        if option.arity == .repeated { help += " (repeatable)" }
        return row(names, help)
    }

    private func row(_ left: String, _ right: String) -> String {
        let indent = String(repeating: " ", count: Self.columnWidth + 2)
        if left.count >= Self.columnWidth {
            return "  \(left)\n\(indent)\(right)\n"
        }
        return "  " + left.padding(toLength: Self.columnWidth, withPad: " ", startingAt: 0) + right + "\n"
    }
}
