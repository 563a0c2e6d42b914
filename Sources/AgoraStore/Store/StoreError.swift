/// Why a store operation failed: a stable ``Code``, a message for people, and the underlying cause.
///
/// See `docs/STORAGE.md` for what an operator does about each code.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// A stable, extensible error code (new codes never break callers).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The file is not an SQLite database at all.
        public static let notSQLite = Code("not-sqlite")
        /// The file is an SQLite database, but not an Agora one (wrong `application_id`).
        public static let notAgoraDatabase = Code("not-agora-database")
        /// The file was written by a newer Agora: its schema version is above the one this binary knows.
        public static let schemaTooNew = Code("schema-too-new")
        /// A read-only open found a schema that still needs an upgrade by a writer.
        public static let schemaTooOld = Code("schema-too-old")
        /// Another process holds the node's writer lock.
        public static let locked = Code("locked")
        /// The file or its directory cannot be written.
        public static let notWritable = Code("not-writable")
        /// The disk (or the database's size limit) is full; the transaction was rolled back.
        public static let diskFull = Code("disk-full")
        /// The store is closed, or was opened read-only and a write was asked for.
        public static let closed = Code("closed")
        /// Any other SQLite failure.
        public static let database = Code("database")
        /// The merge or index step failed for a record.
        public static let merge = Code("merge")
        /// The database file failed `PRAGMA integrity_check`.
        public static let corrupt = Code("corrupt")
        /// A node file is a symbolic link, a folder or another user's file (``RegularFile``); it was not opened.
        public static let notRegularFile = Code("not-regular-file")
        /// A file is larger than the limit for its kind; it was not read.
        public static let tooLarge = Code("too-large")
        /// Every reader was busy, and the read could not wait (or waited its longest) for one.
        public static let busy = Code("busy")
        /// The read ran past its time limit and was interrupted (``QueryLimits/timeLimit``).
        public static let timeout = Code("timeout")
    }

    /// What kind of failure this is.
    public let code: Code
    /// What happened, for people, naming the file where it helps.
    public let message: String
    /// The underlying error, usually a ``DatabaseError``.
    public let cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        guard let cause else { return message }
        return "\(message) (\(cause))"
    }

    /// Wraps any error from the SQLite layer, classifying full disks and read-only files.
    static func wrapping(_ error: any Error, _ context: String) -> StoreError {
        if let store = error as? StoreError { return store }
        guard let database = error as? DatabaseError else {
            return StoreError(.database, context, cause: SendableBox(String(describing: error)))
        }
        if database.isInterrupted {
            return StoreError(.timeout, "\(context): the query ran past its time limit and was stopped", cause: database)
        }
        if database.isFull {
            return StoreError(.diskFull, "\(context): the disk is full; nothing was written", cause: database)
        }
        if database.isNotWritable {
            return StoreError(.notWritable, "\(context): the database cannot be written; nothing was written", cause: database)
        }
        return StoreError(.database, context, cause: database)
    }
}

/// Carries the description of a non-Sendable error as a cause.
struct SendableBox: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
