/// A named option of a command: a flag (`--json`), an option with one value (`--key FILE`),
/// or a repeatable option (`--san NAME --san NAME`).
public struct OptionSpec: Sendable {
    /// How many values the option takes.
    public enum Arity: Sendable, Equatable {
        /// No value: present or absent.
        case flag
        /// Exactly one value; giving it twice is a usage error.
        case single
        /// One value per occurrence; every occurrence is kept, in order.
        case repeated
    }

    /// The long name without dashes: `key` for `--key`.
    public let long: String
    /// The one-letter name without the dash: `o` for `-o`.
    public let short: Character?
    /// Flag, single or repeated.
    public let arity: Arity
    /// The placeholder shown in help: `FILE` in `--key FILE`.
    public let valueName: String
    /// One line of help.
    public let help: String
    /// The value used when the option is absent, shown in help.
    public let defaultValue: String?
    /// How the default is described in help when it is not a literal (`$AGORA_DIR or ./agora-node`).
    public let defaultDescription: String?
    /// The only accepted values, when the set is closed (`jsonl`, `csv`, `dcat`).
    public let choices: [String]?
    /// Whether subcommands accept this option too (for example `--dir`).
    public let isGlobal: Bool

    /// Describes an option.
    public init(
        _ long: String, short: Character? = nil, arity: Arity = .single, valueName: String = "VALUE",
        help: String, defaultValue: String? = nil, defaultDescription: String? = nil,
        choices: [String]? = nil, isGlobal: Bool = false
    ) {
        self.long = long
        self.short = short
        self.arity = arity
        self.valueName = valueName
        self.help = help
        self.defaultValue = defaultValue
        self.defaultDescription = defaultDescription
        self.choices = choices
        self.isGlobal = isGlobal
    }

    /// A flag: `--json`.
    public static func flag(_ long: String, short: Character? = nil, help: String, isGlobal: Bool = false) -> OptionSpec {
        OptionSpec(long, short: short, arity: .flag, valueName: "", help: help, isGlobal: isGlobal)
    }

    /// How the option reads in a usage line: `--key FILE`, `-o, --out FILE` in tables.
    var usageText: String {
        arity == .flag ? "--\(long)" : "--\(long) \(valueName)"
    }
}

/// A positional argument of a command: `FILE` in `agora publish FILE`.
public struct PositionalSpec: Sendable {
    /// The placeholder shown in help, also the key to read it back.
    public let name: String
    /// One line of help.
    public let help: String
    /// Whether it may be left out.
    public let isOptional: Bool
    /// Whether it takes every remaining positional (`FILE...`). Only the last one may.
    public let isRepeated: Bool

    /// Describes a positional argument.
    public init(_ name: String, help: String, isOptional: Bool = false, isRepeated: Bool = false) {
        self.name = name
        self.help = help
        self.isOptional = isOptional
        self.isRepeated = isRepeated
    }

    var usageText: String {
        let base = isRepeated ? "\(name)..." : name
        return isOptional ? "[\(base)]" : base
    }
}
