/// An error a command reports to the user: a message, the exit code it maps to, and its cause.
///
/// Commands throw it; ``CommandLineTool`` prints `agora: error: <message>` on standard error
/// and exits with ``exitCode``. A usage error also prints a hint to `--help`.
public struct CLIError: Error, Sendable, CustomStringConvertible {
    /// The exit code the process ends with.
    public let exitCode: ExitCode
    /// What went wrong, in words a city's IT team can act on.
    public let message: String
    /// The underlying error, when there is one.
    public let cause: (any Error)?
    /// For usage errors: the command path whose `--help` the hint points to.
    public var helpCommand: [String]?

    /// Creates an error with an explicit exit code.
    public init(_ exitCode: ExitCode, _ message: String, cause: (any Error)? = nil) {
        self.exitCode = exitCode
        self.message = message
        self.cause = cause
    }

    /// A usage error (exit 2).
    public static func usage(_ message: String, command: [String]? = nil) -> CLIError {
        var error = CLIError(.usage, message)
        error.helpCommand = command
        return error
    }

    /// An input or operation failure (exit 1).
    public static func failure(_ message: String, cause: (any Error)? = nil) -> CLIError {
        CLIError(.failure, message, cause: cause)
    }

    /// An environment failure (exit 3).
    public static func environment(_ message: String, cause: (any Error)? = nil) -> CLIError {
        CLIError(.environment, message, cause: cause)
    }

    public var description: String { message }
}
