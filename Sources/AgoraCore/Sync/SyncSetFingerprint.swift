/// The **set fingerprint** a node shows in its status (`protocol/SYNC.md`, "Status"): the
/// 16-byte fingerprint of section 2 of the summary of its whole item set, with the all-zero
/// nonce, in lowercase hex. Two nodes holding the same set show the same 32 hex digits.
///
/// It costs O(1) from a ``FingerprintTree`` (its root keeps the whole set's summary).
public enum SyncSetFingerprint {
    /// The nonce it is keyed with: eight zero bytes (fixed, so that it is comparable across nodes).
    public static let nonce = [UInt8](repeating: 0, count: SyncFingerprinter.nonceLength)
    /// Its length in bytes.
    public static let length = 16

    /// The set fingerprint of `summary`, in lowercase hex.
    public static func hex(of summary: SyncSummary, sha256: @escaping @Sendable ([UInt8]) -> [UInt8]) -> String {
        Hex.encode(SyncFingerprinter(nonce: nonce, sha256: sha256).fingerprint(summary, length: length))
    }
}

extension FingerprintTree {
    /// The milliseconds of the newest item (nil when empty). O(1).
    public var highestMilliseconds: UInt64? { root?.last.milliseconds }
}
