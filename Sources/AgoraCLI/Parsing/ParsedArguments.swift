/// A type that can be read from one command-line value.
public protocol ArgumentConvertible {
    /// Converts the text, or returns nil when it is not a valid value.
    init?(argument: String)
    /// What a valid value looks like, for the error message: `an integer`.
    static var expectation: String { get }
}

extension String: ArgumentConvertible {
    public init?(argument: String) { self = argument }
    public static var expectation: String { "a string" }
}

extension Int: ArgumentConvertible {
    public init?(argument: String) { self.init(argument, radix: 10) }
    public static var expectation: String { "an integer" }
}

extension Double: ArgumentConvertible {
    public init?(argument: String) {
        guard let value = Double(argument), value.isFinite else { return nil }
        self = value
    }
    public static var expectation: String { "a number" }
}

/// The options and positionals of one parsed invocation, keyed by long name and placeholder.
public struct ParsedArguments: Sendable, Equatable {
    /// Flags that were given.
    public internal(set) var flags: Set<String> = []
    /// Every value of every option that was given, in order (defaults are not included).
    public internal(set) var values: [String: [String]] = [:]
    /// Defaults of the options of the command, used when the option is absent.
    var defaults: [String: String] = [:]
    /// Positional values by placeholder name.
    public internal(set) var positionals: [String: [String]] = [:]
    /// Whether `--help` was asked for.
    public internal(set) var wantsHelp = false

    /// Creates an empty set of arguments.
    public init() {}

    /// Whether the flag was given.
    public func flag(_ long: String) -> Bool { flags.contains(long) }

    /// The option's value, or its default, or nil.
    public func string(_ long: String) -> String? {
        values[long]?.last ?? defaults[long]
    }

    /// Every value of a repeated option, in the order given.
    public func strings(_ long: String) -> [String] { values[long] ?? [] }

    /// The option's value converted to `T`; nil when absent without default.
    ///
    /// - Throws: a usage ``CLIError`` naming the option, the value and what was expected.
    public func value<T: ArgumentConvertible>(_ long: String, as type: T.Type = T.self) throws -> T? {
        guard let text = string(long) else { return nil }
        guard let value = T(argument: text) else {
            throw CLIError.usage("invalid value '\(text)' for --\(long): expected \(T.expectation)")
        }
        return value
    }

    /// The positional's value (the first, for a repeated one).
    public func positional(_ name: String) -> String? { positionals[name]?.first }

    /// Every value of a repeated positional.
    public func positionalList(_ name: String) -> [String] { positionals[name] ?? [] }

    /// A required positional's value.
    ///
    /// - Throws: a usage ``CLIError`` when it is missing (the parser normally catches this first).
    public func required(_ name: String) throws -> String {
        guard let value = positional(name) else { throw CLIError.usage("missing argument \(name)") }
        return value
    }
}
