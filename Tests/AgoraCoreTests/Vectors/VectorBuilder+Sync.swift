import AgoraCore
import AgoraTesting

/// `sync.json`: fingerprints and whole sessions of `protocol/SYNC.md`, message by message.
extension VectorBuilder {
    static let syncNonce: [UInt8] = [0x5a, 0x17, 0x03, 0xc4, 0x9e, 0x21, 0x88, 0x40]

    /// Item `index`: id = SHA-256("agora-sync-vector:<index>"), ms = 1,700,000,000,000 + 977 · index.
    func syncItem(_ index: Int) -> SyncItem {
        let id = SyncID(bytes: crypto.sha256(Array("agora-sync-vector:\(index)".utf8)))!
        return SyncItem(milliseconds: VectorBuilder.now + 977 * UInt64(index), id: id)
    }

    func sync() throws -> JSONValue {
        let shared = (0..<300).map(syncItem)
        let scenarios: [(String, [SyncItem], [SyncItem])] = [
            ("equal sets", shared, shared),
            ("three on each side", shared + (300..<303).map(syncItem), shared + (303..<306).map(syncItem)),
            ("the initiator is empty", [], shared),
            ("the responder is empty", shared, []),
        ]
        return .object([
            "description": "Fingerprints and sessions of protocol/SYNC.md. Items: id = SHA-256 of \"agora-sync-vector:<i>\", ms = 1700000000000 + 977 i. Replaying each session's messages in order must give the same bytes and outcome.",
            "fingerprints": .array(fingerprintCases()),
            "sessions": .array(try scenarios.map { try session($0.0, $0.1, $0.2) }),
        ])
    }

    private func fingerprintCases() -> [JSONValue] {
        let fingerprinter = SyncFingerprinter(nonce: VectorBuilder.syncNonce, sha256: { TestKeys.crypto.sha256($0) })
        return [0, 1, 2, 50].map { count in
            let ids = (0..<count).map { syncItem($0).id }
            let summary = SyncSummary(ids.map { SyncItem(milliseconds: 0, id: $0) })
            return .object([
                "nonce": .string(Hex.encode(VectorBuilder.syncNonce)), "ids": .array(ids.map { .string($0.description) }),
                "sum": .string(Hex.encode(summary.sumBytes)), "count": .number(Double(count)),
                "fingerprint16": .string(Hex.encode(fingerprinter.fingerprint(summary, length: 16))),
            ])
        }
    }

    private func session(_ name: String, _ initiatorItems: [SyncItem], _ responderItems: [SyncItem]) throws -> JSONValue {
        let sha: @Sendable ([UInt8]) -> [UInt8] = { TestKeys.crypto.sha256($0) }
        let bound = VectorBuilder.now + 977 * 400
        var initiator = SyncInitiator(source: FingerprintTree(sorted: initiatorItems.sorted()), bound: bound,
                                      nonce: VectorBuilder.syncNonce, sha256: sha)
        var responder = SyncResponder(source: FingerprintTree(sorted: responderItems.sorted()), sha256: sha)
        var messages: [JSONValue] = []
        var next: SyncMessage? = initiator.start()
        while let request = next {
            let reply = try responder.receive(request)
            messages.append(.object(["from": "initiator", "hex": .string(Hex.encode(request.bytes)), "json": request.json]))
            messages.append(.object(["from": "responder", "hex": .string(Hex.encode(reply.bytes)), "json": reply.json]))
            next = try initiator.receive(reply)
        }
        guard let outcome = initiator.outcome else { throw VectorFailure.unfinished }
        let result: [String: JSONValue] = [
            "give": .array(outcome.have.map { .string($0.id.description) }), "giveRanges": ranges(outcome.haveRanges),
            "get": .array(outcome.need.map { .string($0.description) }), "fetchRanges": ranges(outcome.needRanges),
            "consistent": .bool(outcome.isConsistent),
        ]
        return .object([
            "name": .string(name), "bound": .number(Double(bound)),
            "initiatorItems": indices(initiatorItems), "responderItems": indices(responderItems),
            "messages": .array(messages), "outcome": .object(result),
        ])
    }

    private func indices(_ items: [SyncItem]) -> JSONValue {
        .array(items.map { JSONValue.number(Double(($0.milliseconds - VectorBuilder.now) / 977)) })
    }

    private func ranges(_ list: [SyncKeyRange]) -> JSONValue {
        .array(list.map { range -> JSONValue in
            .object(["lower": .string(range.lower.description), "upper": .string(range.upper.description),
                     "count": .number(Double(range.count))])
        })
    }

    enum VectorFailure: Error { case unfinished }
}
