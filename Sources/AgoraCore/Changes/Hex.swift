/// Lowercase hexadecimal, the only encoding of keys, signatures and hashes in changes.
///
/// See `protocol/PROTOCOL.md`, "Encodings".
public enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    /// The lowercase hex form of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a lowercase hex string of exactly `count` bytes; `nil` for anything else
    /// (uppercase digits included, so each value has one spelling).
    public static func decode(_ text: String, count: Int) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(utf8: $0, count: count) }
    }

    /// `decode(_:count:)` over UTF-8 bytes, so a parser's buffer needs no `String`.
    static func decode(utf8 chars: UnsafeBufferPointer<UInt8>, count: Int) -> [UInt8]? {
        guard chars.count == count * 2 else { return nil }
        var valid = true
        let out = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count {
                guard let hi = value(chars[2 * i]), let lo = value(chars[2 * i + 1]) else {
                    valid = false
                    break
                }
                buffer[i] = hi << 4 | lo
            }
            initialized = valid ? count : 0
        }
        return valid ? out : nil
    }

    /// The lowercase hex digit of a nibble.
    @inline(__always)
    static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? nibble &+ UInt8(ascii: "0") : nibble &+ (UInt8(ascii: "a") &- 10)
    }

    static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// Whether `text` is the lowercase hex spelling of `bytes`, without building a string.
    public static func spells(_ text: String, _ bytes: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { chars in
            guard chars.count == bytes.count * 2 else { return false }
            return bytes.withUnsafeBufferPointer { bytes in
                var differ = false
                for i in 0..<bytes.count {
                    differ = differ || chars[2 * i] != digit(bytes[i] >> 4) || chars[2 * i + 1] != digit(bytes[i] & 0x0F)
                }
                return !differ
            }
        }
    }

    /// Whether `text` is lowercase hex of exactly `count` bytes.
    public static func isHex(_ text: String, count: Int) -> Bool {
        var text = text
        return text.withUTF8 { isHex(utf8: $0, count: count) }
    }

    /// `isHex(_:count:)` over UTF-8 bytes.
    static func isHex(utf8 chars: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        guard chars.count == count * 2 else { return false }
        var bad = false
        for c in chars { bad = bad || (c &- 0x30 > 9 && c &- 0x61 > 5) }
        return !bad
    }
}

/// A change id: the SHA-256 of the change's canonical header, as 64 lowercase hex digits.
///
/// Ordered by its text, which is the order of its bytes. See `protocol/PROTOCOL.md`, "Change id".
public struct ChangeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let hex: String

    /// The id spelled by `hex`; `nil` unless it is 64 lowercase hex digits.
    public init?(hex: String) {
        guard Hex.isHex(hex, count: 32) else { return nil }
        self.hex = hex
    }

    /// The id of these 32 digest bytes.
    public init(digest: [UInt8]) { self.hex = Hex.encode(digest) }

    public var description: String { hex }
    public static func < (lhs: ChangeID, rhs: ChangeID) -> Bool { lhs.hex < rhs.hex }
}

/// Names one `add` operation: the change that holds it and the operation's index in it.
///
/// Spelled `<change id>:<index>` in a `remove` operation. See `protocol/PROTOCOL.md`, "Sets".
public struct AddTag: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The change holding the add.
    public let change: ChangeID
    /// The add's 0-based index in that change's `ops`.
    public let index: Int

    /// A tag.
    public init(change: ChangeID, index: Int) {
        self.change = change
        self.index = index
    }

    /// Parses `<64 hex>:<decimal index>` (no leading zeros); `nil` otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let change = ChangeID(hex: String(parts[0])),
              let index = Int(parts[1]), index >= 0, String(index) == parts[1] else { return nil }
        self.init(change: change, index: index)
    }

    public var description: String { "\(change.hex):\(index)" }
    public static func < (lhs: AddTag, rhs: AddTag) -> Bool {
        (lhs.change, lhs.index) < (rhs.change, rhs.index)
    }
}
