/// Turns summaries into fingerprints for one session: the first bytes of
/// SHA-256("agora-sync-v1" || nonce || sum || count). See `protocol/SYNC.md`, "Fingerprints".
///
/// The nonce is the initiator's, fresh for each session, so no one can prepare two sets whose
/// truncated fingerprints collide. SHA-256 comes from outside (AgoraCore is pure Swift).
public struct SyncFingerprinter: Sendable {
    /// The domain-separation prefix.
    public static let domain = Array("agora-sync-v1".utf8)
    /// The nonce's length in bytes.
    public static let nonceLength = 8

    /// The session's nonce.
    public let nonce: [UInt8]
    let sha256: @Sendable ([UInt8]) -> [UInt8]

    /// A fingerprinter for `nonce` (8 bytes) with the SHA-256 function `sha256`.
    public init(nonce: [UInt8], sha256: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        self.nonce = nonce
        self.sha256 = sha256
    }

    /// The first `length` bytes of the fingerprint of `summary`.
    public func fingerprint(_ summary: SyncSummary, length: Int) -> [UInt8] {
        var input = SyncFingerprinter.domain + nonce + summary.sumBytes
        for shift in stride(from: 0, to: 64, by: 8) { input.append(UInt8(truncatingIfNeeded: summary.count >> UInt64(shift))) }
        return Array(sha256(input).prefix(length))
    }

    /// The byte offset of tags within ids: `nonce[0] mod (33 - tagLength)`.
    public func tagOffset(tagLength: Int) -> Int { Int(nonce[0]) % (33 - tagLength) }
}
