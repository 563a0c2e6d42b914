/// An error of the local node: its directory, configuration, keys or store.
///
/// A struct with an open set of codes (STYLE rule 4), so new failures never break callers.
public struct NodeError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; the CLI maps it to an exit code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable name of the code.
        public let name: String
        /// Whether the failure comes from the environment (files, permissions, locks)
        /// rather than from the input.
        public let isEnvironmental: Bool

        init(_ name: String, environmental: Bool) {
            self.name = name
            self.isEnvironmental = environmental
        }

        public var description: String { name }

        /// The directory has no `node.json`: run `agora init` first.
        public static let notInitialized = Code("not-initialized", environmental: true)
        /// `agora init` found a directory that already holds something.
        public static let alreadyInitialized = Code("already-initialized", environmental: true)
        /// `node.json` is not valid.
        public static let invalidConfig = Code("invalid-config", environmental: true)
        /// A file could not be read or written.
        public static let fileSystem = Code("file-system", environmental: true)
        /// The input (a record file, an id, a change) is not acceptable.
        public static let invalidInput = Code("invalid-input", environmental: false)
        /// The record or change named does not exist.
        public static let notFound = Code("not-found", environmental: false)
        /// The operation is not permitted to this node's city.
        public static let notPermitted = Code("not-permitted", environmental: false)
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, naming the file or field concerned.
    public let message: String
    /// The underlying error, if any.
    public let cause: (any Error)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { message }
}
