/// The order of object member names in canonical JSON: by their UTF-16 code units,
/// compared as unsigned integers (RFC 8785 §3.2.3). No locale, no normalization.
///
/// It compares UTF-8 bytes, which order like code points. Code point order and UTF-16
/// order differ in one case only: a character above U+FFFF (lead byte F0–F4, a
/// surrogate pair D800–DBFF in UTF-16) sorts before one in U+E000–U+FFFF (lead byte
/// EE or EF). At the first differing byte both sides are at the same position of a
/// character, so only lead bytes need that correction.
enum JSONKeyOrder {
    /// Whether `a` sorts before `b`.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in compare(left, right) < 0 }
        }
        if let fast, let result = fast { return result }
        return Array(a.utf8).withUnsafeBufferPointer { left in
            Array(b.utf8).withUnsafeBufferPointer { right in compare(left, right) < 0 }
        }
    }

    /// Negative when `left` sorts first, zero when equal, positive when `right` sorts first.
    @inline(__always)
    static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        var position = 0
        while position < common {
            let x = left[position], y = right[position]
            if x != y { return byteOrder(x, y) ? -1 : 1 }
            position += 1
        }
        return left.count - right.count
    }

    @inline(__always)
    private static func byteOrder(_ x: UInt8, _ y: UInt8) -> Bool {
        if x >= 0xF0, y == 0xEE || y == 0xEF { return true }
        if y >= 0xF0, x == 0xEE || x == 0xEF { return false }
        return x < y
    }
}
