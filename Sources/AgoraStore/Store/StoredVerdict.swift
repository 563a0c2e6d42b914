/// The merge's verdict on a change, as the column `changes.effective` stores it (schema version 3
/// and later; see `protocol/STORAGE.md`). Derived: `rebuild()` recomputes it.
public enum StoredVerdict: Int, Sendable, Hashable {
    /// Ineffective: validly signed and kept, but it writes nothing (`changes.reason` says why).
    case ineffective = 0
    /// Effective: it writes what it says.
    case effective = 1
    /// Redacted: an effective redaction covers it, it writes nothing and its bodies are erased.
    case redacted = 2
}
