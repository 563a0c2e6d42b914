/// The order of object member names in canonical JSON: by their UTF-16 code units,
/// compared as unsigned integers (RFC 8785 §3.2.3). No locale, no normalization.
enum JSONKeyOrder {
    /// Whether `a` sorts before `b`.
    ///
    /// Compares UTF-8 bytes, which order like code points. Code point order and UTF-16
    /// order differ in one case only: a character above U+FFFF (lead byte F0–F4, a
    /// surrogate pair D800–DBFF in UTF-16) sorts before one in U+E000–U+FFFF (lead byte
    /// EE or EF). At the first differing byte both sides are at the same position of a
    /// character, so only lead bytes need that correction.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            guard let x = left.next() else { return right.next() != nil }
            guard let y = right.next() else { return false }
            if x != y { return byteOrder(x, y) }
        }
    }

    @inline(__always)
    private static func byteOrder(_ x: UInt8, _ y: UInt8) -> Bool {
        if x >= 0xF0, y == 0xEE || y == 0xEF { return true }
        if y >= 0xF0, x == 0xEE || x == 0xEF { return false }
        return x < y
    }
}
