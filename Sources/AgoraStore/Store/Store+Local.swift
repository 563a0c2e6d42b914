/// The node's local tables (schema version 4): staff drafts and the audit log. Nothing here is
/// signed, synced or exported: a draft becomes a change only when it is published.
extension Store {
    /// A saved draft.
    public struct Draft: Sendable, Equatable {
        public var id: Int64
        /// The record id the draft will publish.
        public var record: String
        /// The account that saved it last.
        public var author: String
        /// The record document as JSON text.
        public var document: String
        public var updatedMilliseconds: Int64
    }

    /// One line of the audit log.
    public struct AuditEntry: Sendable, Equatable {
        public var atMilliseconds: Int64
        /// The account (a person), or `cli` / `admin-api` for writes that came another way.
        public var user: String
        /// What was done: `publish`, `save-draft`, `adopt`, `delete`, `redact`, `login`, `login-failed`, …
        public var action: String
        public var record: String?
        public var detail: String?

        public init(atMilliseconds: Int64, user: String, action: String, record: String?, detail: String?) {
            self.atMilliseconds = atMilliseconds
            self.user = user
            self.action = action
            self.record = record
            self.detail = detail
        }
    }

    /// Saves a draft at `now` (Unix ms): a new one when `id` is nil, else replaces that draft. Returns its id.
    public func saveDraft(id: Int64?, record: String, author: String, document: String,
                          now: Int64) async throws(StoreError) -> Int64 {
        try await requireWriter().write { db in
            if let id {
                try db.run("UPDATE local_drafts SET record = ?, author = ?, document = ?, updated_ms = ? WHERE id = ?",
                           [.text(record), .text(author), .text(document), .integer(now), .integer(id)])
                return id
            }
            try db.run("INSERT INTO local_drafts(record, author, document, updated_ms) VALUES (?, ?, ?, ?)",
                       [.text(record), .text(author), .text(document), .integer(now)])
            return try db.first("SELECT last_insert_rowid()") { $0.int64(0) } ?? 0
        }
    }

    /// Removes a draft (after it was published, or on request).
    public func deleteDraft(_ id: Int64) async throws(StoreError) {
        try await requireWriter().write { db in try db.run("DELETE FROM local_drafts WHERE id = ?", [.integer(id)]) }
    }

    /// Every draft, newest first.
    public func drafts() async throws(StoreError) -> [Draft] {
        try await read { db in
            try db.map("SELECT id, record, author, document, updated_ms FROM local_drafts ORDER BY updated_ms DESC, id DESC") {
                Draft(id: $0.int64(0), record: $0.text(1) ?? "", author: $0.text(2) ?? "", document: $0.text(3) ?? "{}",
                      updatedMilliseconds: $0.int64(4))
            }
        }
    }

    /// Appends to the audit log.
    public func audit(_ entry: AuditEntry) async throws(StoreError) {
        try await requireWriter().write { db in
            try db.run("INSERT INTO local_audit(at_ms, user, action, record, detail) VALUES (?, ?, ?, ?, ?)",
                       [.integer(entry.atMilliseconds), .text(entry.user), .text(entry.action), .optional(entry.record),
                        .optional(entry.detail)])
        }
    }

    /// The newest `limit` audit entries, newest first.
    public func auditLog(limit: Int) async throws(StoreError) -> [AuditEntry] {
        try await read { db in
            try db.map("SELECT at_ms, user, action, record, detail FROM local_audit ORDER BY seq DESC LIMIT ?", [.int(limit)]) {
                AuditEntry(atMilliseconds: $0.int64(0), user: $0.text(1) ?? "", action: $0.text(2) ?? "", record: $0.text(3),
                           detail: $0.text(4))
            }
        }
    }
}
