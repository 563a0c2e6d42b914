/// Who may redact whose change, and when a redaction takes effect.
/// See `protocol/PROTOCOL.md`, "Redaction" (5.6) and "Evaluation" (5.3, step 2).
public enum RedactionRule {
    /// Whether the change `redactor` may redact the change `target`: both are changes of the same
    /// record, and the redactor's author city is the target's, or its key is a steward's.
    /// Key status is checked by ``redacts(_:target:directory:)``.
    public static func permits(redactor: ChangeHeader, target: ChangeHeader, directory: KeyDirectory?) -> Bool {
        if redactor.record != target.record { return false }
        if redactor.city == target.city { return true }
        return directory?.entry(for: redactor.key)?.isSteward ?? false
    }

    /// Whether `redaction`, a change of `redact` operations that names `target`, **effectively
    /// redacts** it: its key passes the merge's key checks (known, signs for its city, not
    /// compromised, not retired before the redaction's stamp) and it may redact `target`
    /// (``permits(redactor:target:directory:)``). It depends on these two changes and the
    /// directory alone, never on which other changes are present: once true, adding changes
    /// cannot make it false. With no directory (tools), only the permission is checked.
    public static func redacts(_ redaction: ChangeHeader, target: ChangeHeader, directory: KeyDirectory?) -> Bool {
        guard redaction.redactedChanges.count == redaction.operations.count else { return false }
        if let directory, directory.ineffectiveReason(forKeyOf: redaction) != nil { return false }
        return permits(redactor: redaction, target: target, directory: directory)
    }
}
