internal import CSQLite

/// One SQLite connection. It owns the handle and closes it in `deinit`.
///
/// A connection is used by one thread at a time (it is opened `SQLITE_OPEN_NOMUTEX`);
/// the ``StoreWriter`` actor and the ``ReaderPool`` guarantee that.
final class Database {
    /// How the connection opens its file.
    enum Mode {
        case readWrite, readWriteCreate, readOnly
        var flags: Int32 {
            // NOFOLLOW: a link in place of the database is refused (the folder is resolved first).
            let base = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOFOLLOW
            switch self {
            case .readWrite: return base | SQLITE_OPEN_READWRITE
            case .readWriteCreate: return base | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            case .readOnly: return base | SQLITE_OPEN_READONLY
            }
        }
    }

    /// How long a connection waits for a lock held by another connection, in milliseconds.
    static let busyTimeoutMilliseconds: Int32 = 5_000

    private(set) var handle: OpaquePointer?
    let path: String
    private var cache: [String: Statement] = [:]
    /// When not nil, every statement run through ``forEach(_:_:_:)`` or ``first(_:_:_:)`` is
    /// appended with its bound values written in (`sqlite3_expanded_sql`), for benchmarks.
    var recordedStatements: [String]?
    /// When the current read's time limit passes (monotonic nanoseconds; see `withTimeLimit`).
    var deadline: UInt64 = 0

    init(path: String, mode: Mode) throws(DatabaseError) {
        self.path = path
        var pointer: OpaquePointer?
        let code = sqlite3_open_v2(RegularFile.resolvingFolder(path), &pointer, mode.flags, nil)
        handle = pointer
        if code != SQLITE_OK {
            let error = DatabaseError(
                code: code, message: pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open", sql: nil)
            sqlite3_close_v2(pointer)
            handle = nil
            throw error
        }
        sqlite3_busy_timeout(pointer, Self.busyTimeoutMilliseconds)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Finalizes every statement and closes the connection now.
    func close() {
        cache.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    /// A prepared statement for `sql`, from the cache when it was prepared before.
    func statement(_ sql: String) throws(DatabaseError) -> Statement {
        if let cached = cache[sql] { return cached }
        let statement = try Statement(database: self, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// Runs one or more statements that take no arguments and return no rows.
    func execute(_ sql: String) throws(DatabaseError) {
        guard handle != nil else { throw DatabaseError(code: SQLITE_MISUSE, message: "connection closed", sql: sql) }
        try check(sqlite3_exec(handle, sql, nil, nil, nil), sql: sql)
    }

    /// Runs one statement with arguments, ignoring any rows.
    func run(_ sql: String, _ arguments: [SQLValue] = []) throws(DatabaseError) {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        while try statement.step() {}
    }

    /// Calls `body` for every row of one statement.
    func forEach(_ sql: String, _ arguments: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        record(statement)
        while try statement.step() { try body(Row(statement: statement.handle)) }
    }

    /// Maps every row of one statement.
    func map<T>(_ sql: String, _ arguments: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEach(sql, arguments) { result.append(try transform($0)) }
        return result
    }

    /// The first row of one statement, transformed, or nil when there is none.
    func first<T>(_ sql: String, _ arguments: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> T? {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        record(statement)
        return try statement.step() ? transform(Row(statement: statement.handle)) : nil
    }

    private func record(_ statement: Statement) {
        guard recordedStatements != nil, let expanded = sqlite3_expanded_sql(statement.handle) else { return }
        recordedStatements?.append(String(cString: expanded))
        sqlite3_free(expanded)
    }

    /// The integer in the first column of the first row (0 when there is no row).
    func integer(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
        try first(sql, arguments) { $0.int(0) } ?? 0
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changedRows: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in one `BEGIN IMMEDIATE` … `COMMIT`; rolls back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }
}
