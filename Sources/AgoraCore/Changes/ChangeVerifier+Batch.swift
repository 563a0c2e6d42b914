extension ChangeVerifier {
    /// Verifies a JSON Lines batch, letting a redaction in the batch vouch for a body-less
    /// change in the same batch when it effectively redacts it (`RedactionRule.redacts`: its key
    /// passes the merge's key checks and it may redact that change). See `protocol/PROTOCOL.md`,
    /// "Verification", step 10.
    /// - Parameters:
    ///   - lines: each change's wire bytes, without newlines.
    ///   - wallMilliseconds: the receiver's clock; `nil` skips the future-timestamp check.
    ///   - redacted: ids already known to be effectively redacted (for example from the store).
    /// - Returns: one result per line, in order; a vouched body-less copy comes back with no
    ///   bodies at all (a partial copy's bodies are dropped, as 5.6 says).
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
                   RedactionRule.redacts(redaction.header, target: header, directory: directory) {
                    vouched.insert(target)
                }
            }
        }
        for i in first.indices {
            guard case .success(let change) = first[i], change.change.isMissingBodies else { continue }
            guard !vouched.contains(change.id) else {
                first[i] = .success(change.withoutBodies)
                continue
            }
            first[i] = .failure(ChangeRejection(.missingBody, "change \(change.id) lacks bodies and no valid redaction of it is known", path: "bodies"))
        }
        return first
    }

    /// The id a body-less change would have, so the first pass can admit it provisionally.
    func idsIfMissing(_ change: SignedChange) -> [ChangeID] {
        change.isMissingBodies ? [ChangeID(digest: crypto.sha256(change.header.canonicalBytes))] : []
    }
}
