import Foundation

/// The `agora` command line. The executable calls ``main(arguments:)`` and exits with its result;
/// tests call ``run(_:io:root:)`` with captured streams.
public enum CommandLineTool {
    /// The version printed by `agora --version`.
    public static let version = "0.1.0"

    /// Runs one invocation in this process's environment and returns the exit status.
    public static func main(arguments: [String]) async -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        return await run(arguments, io: .process()).rawValue
    }

    /// Parses `arguments` against `root` and runs the selected command.
    ///
    /// Errors become a message on standard error and their exit code; nothing is thrown.
    public static func run(_ arguments: [String], io: CommandIO, root: CommandSpec = RootCommand.spec) async -> ExitCode {
        let invocation: ArgumentParser.Invocation
        do {
            invocation = try ArgumentParser(root: root).parse(arguments)
        } catch {
            return report(error, io: io, root: root)
        }
        if invocation.arguments.wantsHelp {
            io.standardOutput.write(help(for: invocation.path))
            return .success
        }
        guard let action = invocation.command.action else {
            io.standardError.write(help(for: invocation.path))
            return .usage
        }
        let context = CommandContext(path: invocation.names, arguments: invocation.arguments, io: io)
        do {
            _ = try ClockOffset.milliseconds(in: io.environment)  // a bad value is refused before any command runs
            return try await action(context)
        } catch {
            return report(error, io: io, root: root)
        }
    }

    /// The help text of a command; the root's help also lists exit codes and the environment.
    public static func help(for path: [CommandSpec]) -> String {
        HelpFormatter().help(for: path, epilogue: path.count == 1 ? RootCommand.epilogue : "")
    }

    private static func report(_ error: any Error, io: CommandIO, root: CommandSpec) -> ExitCode {
        let cliError = ErrorTranslation.cliError(for: error)
        // A message can quote data (a field path, a value): never let it drive the terminal.
        io.standardError.line("agora: error: " + TerminalText.escape(cliError.message, keepLines: true))
        if let names = cliError.helpCommand {
            io.standardError.line("Run '\(names.joined(separator: " ")) --help' for usage.")
        }
        return cliError.exitCode
    }
}
