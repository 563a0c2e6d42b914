/// A change id (32 bytes) held as four big-endian 64-bit words, so that ids compare, sum and
/// cut into tags without touching arrays. See `protocol/SYNC.md`, "Items".
public struct SyncID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Bytes 0-7, 8-15, 16-23 and 24-31, each read big-endian.
    public let words: (UInt64, UInt64, UInt64, UInt64)

    /// The byte length of an id.
    public static let byteCount = 32

    /// The id of 32 bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        if let id = bytes.withContiguousStorageIfAvailable({ SyncID(bytes: UnsafeRawBufferPointer($0)) }) {
            guard let id else { return nil }
            self = id
            return
        }
        self.init(bytes: Array(bytes))
    }

    /// The id of the 32 bytes at `bytes` (not generic, so a caller in another module, such as
    /// the store reading 10^6 ids at start-up, pays no generic dispatch); `nil` for another length.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == SyncID.byteCount else { return nil }
        func word(_ offset: Int) -> UInt64 { UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        words = (word(0), word(8), word(16), word(24))
    }

    /// An id from its four big-endian words.
    public init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// The 32 bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(SyncID.byteCount)
        for word in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    public var description: String { Hex.encode(bytes) }

    /// Byte `index` (0-31).
    func byte(_ index: Int) -> UInt8 {
        let word: UInt64
        switch index >> 3 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * (index & 7)))
    }

    /// The `length` bytes from `offset`, as a big-endian number: the item's tag in lists.
    /// See `protocol/SYNC.md`, "Tags".
    func tag(offset: Int, length: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in offset..<(offset + length) { value = value << 8 | UInt64(byte(i)) }
        return value
    }

    public static func == (lhs: SyncID, rhs: SyncID) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    public static func < (lhs: SyncID, rhs: SyncID) -> Bool { lhs.words < rhs.words }
}

/// One item of the reconciled set: a change's HLC milliseconds and its id, ordered by
/// (milliseconds, id). See `protocol/SYNC.md`, "Items".
public struct SyncItem: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// HLC milliseconds of the change.
    public let milliseconds: UInt64
    /// The change id.
    public let id: SyncID

    /// The item of a change stamped `milliseconds` with id `id`.
    public init(milliseconds: UInt64, id: SyncID) {
        self.milliseconds = milliseconds
        self.id = id
    }

    /// The item's point in key space: its milliseconds and the id's first 8 bytes.
    public var key: SyncKey { SyncKey(milliseconds: milliseconds, tail: id.words.0) }

    public var description: String { "\(milliseconds):\(id)" }

    public static func < (lhs: SyncItem, rhs: SyncItem) -> Bool {
        (lhs.milliseconds, lhs.id) < (rhs.milliseconds, rhs.id)
    }
}
