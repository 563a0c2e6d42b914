internal import CSQLite

/// A prepared statement, owned by one ``Database`` and finalized in `deinit`.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    unowned let database: Database

    init(database: Database, sql: String) throws(DatabaseError) {
        var pointer: OpaquePointer?
        try database.check(sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil), sql: sql)
        guard let pointer else {
            throw DatabaseError(code: SQLITE_MISUSE, message: "empty statement", sql: sql)
        }
        self.handle = pointer
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `arguments` to ?1, ?2, … (arguments beyond the
    /// statement's highest parameter are ignored, so variants of one query share an argument list).
    func bind(_ arguments: [SQLValue]) throws(DatabaseError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let count = Int(sqlite3_bind_parameter_count(handle))
        for (offset, value) in arguments.prefix(count).enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let n): code = sqlite3_bind_int64(handle, index, n)
            case .real(let d): code = sqlite3_bind_double(handle, index, d)
            case .text(var s):
                // By byte count, not up to a NUL: text may contain U+0000, and SQLite need not scan it.
                code = s.withUTF8 { utf8 -> Int32 in
                    // CChar and UInt8 may alias (signed and unsigned forms of one type).
                    let start = UnsafeRawPointer(utf8.baseAddress ?? Self.emptyText.utf8Start).assumingMemoryBound(to: CChar.self)
                    return sqlite3_bind_text(handle, index, start, Int32(utf8.count), CAgoraSQLite_transient())
                }
            case .blob(let b):
                code = b.withUnsafeBytes { raw in
                    sqlite3_bind_blob(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(b.count), CAgoraSQLite_transient())
                }
            }
            try database.check(code, sql: sql)
        }
    }

    /// A valid address for binding "" (a NULL address would bind SQL NULL instead).
    private static let emptyText: StaticString = ""

    /// Steps once; returns true when a row is available.
    func step() throws(DatabaseError) -> Bool {
        try database.check(sqlite3_step(handle), sql: sql) == SQLITE_ROW
    }

    /// Resets the statement so it releases its read snapshot.
    func reset() { sqlite3_reset(handle) }
}

/// The current row of a stepping ``Statement``; valid only inside the closure that receives it.
struct Row {
    let statement: OpaquePointer

    /// Whether column `index` is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_NULL }

    /// Column `index` as an integer (0 for NULL).
    func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(statement, index)) }

    /// Column `index` as a 64-bit integer (0 for NULL).
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(statement, index) }

    /// Column `index` as a double.
    func double(_ index: Int32) -> Double { sqlite3_column_double(statement, index) }

    /// Column `index` as text, or nil for NULL.
    func text(_ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// `body` applied to the bytes of column `index` in place (empty for NULL), with no copy.
    func withBlob<T>(_ index: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let count = Int(sqlite3_column_bytes(statement, index))
        return body(UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, index), count: count))
    }

    /// Column `index` as bytes, or nil for NULL.
    func blob(_ index: Int32) -> [UInt8]? {
        if isNull(index) { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        guard count > 0, let pointer = sqlite3_column_blob(statement, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
