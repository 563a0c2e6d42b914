/// The process exit codes of `agora`, documented in `docs/CLI.md` and in `agora --help`.
///
/// Scripts can rely on them: they never change meaning between versions.
public struct ExitCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric code handed to `exit(3)`.
    public let rawValue: Int32

    /// Creates an exit code from its number.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// 0: the command did what it was asked.
    public static let success = ExitCode(rawValue: 0)
    /// 1: the input or the operation failed (invalid JSON, bad signature, unknown record...).
    public static let failure = ExitCode(rawValue: 1)
    /// 2: the command line itself is wrong (unknown command or flag, missing argument, bad value).
    public static let usage = ExitCode(rawValue: 2)
    /// 3: the environment is wrong (missing file, permissions, node locked, database not ours, disk full).
    public static let environment = ExitCode(rawValue: 3)
    /// 4: partial success: the command went on but refused some items (an import with refusals).
    public static let partial = ExitCode(rawValue: 4)

    /// Every documented code with its one-line meaning, for `--help` and the docs.
    public static let documented: [(ExitCode, String)] = [
        (.success, "success"),
        (.failure, "the input or the operation failed (invalid JSON, bad signature, unknown record)"),
        (.usage, "usage error (unknown command or option, missing or malformed argument)"),
        (.environment, "environment error (missing file, permissions, node locked, not an Agora database)"),
        (.partial, "partial success: some items were refused (import), the rest was done"),
    ]

    public var description: String { String(rawValue) }
}
