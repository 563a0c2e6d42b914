extension ChangeVerifier {
    /// Verifies a JSON Lines batch, letting a redaction in the batch vouch for a body-less
    /// change in the same batch.
    /// - Parameters:
    ///   - lines: each change's wire bytes, without newlines.
    ///   - wallMilliseconds: the receiver's clock; `nil` skips the future-timestamp check.
    ///   - redacted: ids already known to be validly redacted (for example from the store).
    /// - Returns: one result per line, in order.
    public func verifyBatch(_ lines: [[UInt8]], wallMilliseconds: UInt64?, redacted: Set<ChangeID> = []) -> [Result<VerifiedChange, ChangeRejection>] {
        let parsed: [Result<SignedChange, ChangeRejection>] = lines.map { line in
            Result { () throws(ChangeRejection) -> SignedChange in try SignedChange.parse(line, limits: limits) }
        }
        var first = parsed.map { result in
            result.flatMap { verify($0, wallMilliseconds: wallMilliseconds, redacted: redacted.union(Set(idsIfMissing($0)))) }
        }
        var vouched = redacted
        var headers: [ChangeID: ChangeHeader] = [:]
        for case .success(let change) in first { headers[change.id] = change.header }
        for case .success(let redaction) in first {
            for target in redaction.header.redactedChanges {
                if let header = headers[target],
                   RedactionRule.permits(redactor: redaction.header, target: header, directory: directory) {
                    vouched.insert(target)
                }
            }
        }
        for i in first.indices {
            guard case .success(let change) = first[i], change.change.isMissingBodies, !vouched.contains(change.id) else { continue }
            first[i] = .failure(ChangeRejection(.missingBody, "change \(change.id) lacks bodies and no valid redaction of it is known", path: "bodies"))
        }
        return first
    }

    /// The id a body-less change would have, so the first pass can admit it provisionally.
    func idsIfMissing(_ change: SignedChange) -> [ChangeID] {
        change.isMissingBodies ? [ChangeID(digest: crypto.sha256(change.header.canonicalBytes))] : []
    }
}

/// Who may redact whose change. See `protocol/PROTOCOL.md`, "Redaction".
public enum RedactionRule {
    /// Whether the change `redactor` may redact the change `target`: its author city is the
    /// target's author city, or its key is a steward's. Key status is the merge's concern.
    public static func permits(redactor: ChangeHeader, target: ChangeHeader, directory: KeyDirectory?) -> Bool {
        if redactor.record != target.record { return false }
        if redactor.city == target.city { return true }
        return directory?.entry(for: redactor.key)?.isSteward ?? false
    }
}
