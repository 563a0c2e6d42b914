/// Which Ed25519 keys belong to which city, and each key's status.
///
/// Built from the roster by the node; the merge and the verifier read it. Its JSON form is
/// `{"keys":[{"key":hex,"city":id,"status":"active"|"retired"|"compromised","retiredAt":[ms,c]?,"steward":true?}]}`.
/// See `protocol/PROTOCOL.md`, "Key directory".
public struct KeyDirectory: Sendable, Hashable {
    /// A key's status.
    public enum Status: Sendable, Hashable {
        /// In use: all its changes count.
        case active
        /// Rotated out at this stamp: its changes stamped up to it count, later ones do not.
        case retired(at: HLCTimestamp)
        /// Stolen: none of its changes count, whatever their stamp.
        case compromised
    }

    /// One key.
    public struct Entry: Sendable, Hashable {
        /// The 32-byte Ed25519 public key.
        public let key: [UInt8]
        /// The city it signs for.
        public let city: String
        /// Its status.
        public let status: Status
        /// Whether it is a coalition steward's key (may redact any change: a takedown).
        public let isSteward: Bool

        /// An entry.
        public init(key: [UInt8], city: String, status: Status = .active, isSteward: Bool = false) {
            self.key = key
            self.city = city
            self.status = status
            self.isSteward = isSteward
        }
    }

    /// Every key, by its hex form.
    public let entries: [String: Entry]
    /// The same entries by raw key, for the verifier's hot path.
    let byKey: [RawKey: Entry]

    /// A directory of these entries.
    /// - Throws: `KeyDirectoryError` for a repeated key, a malformed key or city, or (when
    ///   `crypto` is given) a small-order key.
    public init(_ entries: [Entry], crypto: (any ChangeCryptography)? = nil) throws(KeyDirectoryError) {
        var byKey: [String: Entry] = [:]
        for (i, entry) in entries.enumerated() {
            let hex = Hex.encode(entry.key)
            guard entry.key.count == 32 else { throw KeyDirectoryError("keys[\(i)].key", "a 32-byte Ed25519 public key") }
            guard RecordID.isCityID(entry.city) else { throw KeyDirectoryError("keys[\(i)].city", "a city id") }
            guard byKey[hex] == nil else { throw KeyDirectoryError("keys[\(i)].key", "a key listed once, not again") }
            if let crypto, crypto.isSmallOrder(publicKey: entry.key) {
                throw KeyDirectoryError("keys[\(i)].key", "a key that is not a small-order point")
            }
            byKey[hex] = entry
        }
        self.init(uncheckedEntries: byKey)
    }

    /// An empty directory.
    public static let empty = KeyDirectory(uncheckedEntries: [:])

    init(uncheckedEntries: [String: Entry]) {
        self.entries = uncheckedEntries
        self.byKey = Dictionary(uncheckedEntries.values.map { (RawKey($0.key), $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The entry for a 32-byte key.
    public func entry(for key: [UInt8]) -> Entry? { key.count == 32 ? byKey[RawKey(key)] : nil }

    /// The entry for a key in hex.
    public func entry(forHex hex: String) -> Entry? { entries[hex] }
}

/// A 32-byte key as four words: cheap to hash.
struct RawKey: Hashable, Sendable {
    let a: UInt64, b: UInt64, c: UInt64, d: UInt64

    init(_ key: [UInt8]) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        key.withUnsafeBytes { raw in
            guard raw.count == 32 else { return }
            words = (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                     raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
        (a, b, c, d) = words
    }
}

/// Why a key directory was refused: the JSON path and what was expected.
public struct KeyDirectoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the fault, e.g. `keys[2].status`.
    public let path: String
    /// What was expected there.
    public let expected: String
    /// A stable code: always `invalid-key-directory`.
    public var code: String { "invalid-key-directory" }

    init(_ path: String, _ expected: String) {
        self.path = path
        self.expected = expected
    }

    public var description: String { "\(path): expected \(expected)" }
}

extension KeyDirectory {
    /// Why the merge makes a change ineffective for its key alone (`protocol/PROTOCOL.md` 5.3,
    /// step 1): the key is unknown, signs for another city, is compromised (whatever the stamp), or
    /// was retired before the change's stamp. `nil` when the key passes.
    public func ineffectiveReason(forKeyOf header: ChangeHeader) -> IneffectiveReason? {
        guard let entry = entry(for: header.key) else { return .unknownKey(header.keyHex) }
        guard entry.city == header.city else { return .keyCityMismatch(entry.city) }
        switch entry.status {
        case .active: return nil
        case .compromised: return .keyCompromised
        case .retired(let at): return header.hlc > at ? .keyRetired(at) : nil
        }
    }
}
