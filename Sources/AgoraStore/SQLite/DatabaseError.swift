internal import CSQLite

/// A failed SQLite call: the result code, SQLite's message, and the SQL that failed.
///
/// It is the `cause` of most ``StoreError``s. The code is SQLite's extended result code
/// (for example 13, `SQLITE_FULL`, or 26, `SQLITE_NOTADB`).
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// SQLite's (extended) result code.
    public let code: Int32
    /// SQLite's own message for the failure.
    public let message: String
    /// The statement that failed, if any.
    public let sql: String?

    /// The primary result code (the low byte of ``code``).
    public var primaryCode: Int32 { code & 0xFF }

    /// Whether a progress handler stopped the statement (`SQLITE_INTERRUPT`): its time limit passed.
    public var isInterrupted: Bool { primaryCode == SQLITE_INTERRUPT }

    /// Whether the disk or the database's size limit is full (`SQLITE_FULL`).
    public var isFull: Bool { primaryCode == SQLITE_FULL }

    /// Whether the file or directory cannot be written (`SQLITE_READONLY`, `SQLITE_CANTOPEN`, `SQLITE_PERM`).
    public var isNotWritable: Bool {
        [SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM].contains(primaryCode)
    }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " (in: \(sql.prefix(200)))" }
        return text
    }
}

extension Database {
    /// Turns an SQLite return code into a ``DatabaseError``; every C call goes through here.
    ///
    /// - Returns: the code, when it is `SQLITE_OK`, `SQLITE_ROW` or `SQLITE_DONE`.
    @discardableResult
    func check(_ code: Int32, sql: String? = nil) throws(DatabaseError) -> Int32 {
        switch code {
        case SQLITE_OK, SQLITE_ROW, SQLITE_DONE:
            return code
        default:
            let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
            let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                ?? String(cString: sqlite3_errstr(code))
            throw DatabaseError(code: extended == 0 ? code : extended, message: message, sql: sql)
        }
    }
}
