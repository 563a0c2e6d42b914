/// The protocol's rules for the characters of text, fixed by explicit code point lists so that
/// they do not depend on the Unicode version a platform ships.
///
/// - No string holds a **control character**: C0 (U+0000–U+001F), DEL (U+007F) or C1
///   (U+0080–U+009F). Only a multi-line field (`RecordField.isMultiline`) may hold tab (U+0009)
///   and line feed (U+000A).
/// - A title or summary holds at least one **visible** scalar: one outside `invisibleRanges`.
///
/// See `protocol/RECORDS.md`, "Characters".
public enum TextCharacters {
    /// Whether the scalar value is a control character: C0, DEL or C1.
    public static func isControl(_ value: UInt32) -> Bool { value < 0x20 || (0x7F...0x9F).contains(value) }

    /// The first scalar of `text` that a string may not hold; tab and line feed pass when `multiline`.
    public static func firstForbidden(in text: String, multiline: Bool) -> Unicode.Scalar? {
        var text = text
        // One pass over the UTF-8 bytes: C0 and DEL are single bytes, and C1 is 0xC2 followed by
        // 0x80–0x9F (0xC2 is never a continuation byte). Every string a verifier reads goes through here.
        let value: UInt32? = text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x20 {
                    if !(multiline && (b == 0x09 || b == 0x0A)) { return UInt32(b) }
                } else if b == 0x7F {
                    return 0x7F
                } else if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                    return UInt32(bytes[i + 1])
                }
                i += 1
            }
            return nil
        }
        return value.flatMap(Unicode.Scalar.init)
    }

    /// Whether `text` holds a scalar outside `invisibleRanges`.
    public static func hasVisible(_ text: String) -> Bool {
        text.unicodeScalars.contains { !isInvisible($0.value) }
    }

    /// Whether the scalar value is in `invisibleRanges`.
    public static func isInvisible(_ value: UInt32) -> Bool {
        // The ranges are sorted and disjoint: stop at the first that ends at or after `value`.
        for range in invisibleRanges where range.upperBound >= value { return range.lowerBound <= value }
        return false
    }

    /// The scalars that do not count as visible: White_Space, control characters, the
    /// Default_Ignorable_Code_Point set (format characters such as U+200B and U+202E, variation
    /// selectors, Hangul fillers, tags), U+2800 BRAILLE PATTERN BLANK, and the five blocks of
    /// combining marks. Fixed here, as listed in `protocol/RECORDS.md`: a later Unicode version
    /// changes nothing.
    public static let invisibleRanges: [ClosedRange<UInt32>] = [
        0x0000...0x0020, 0x007F...0x00A0, 0x00AD...0x00AD,
        0x0300...0x036F, 0x061C...0x061C, 0x115F...0x1160, 0x1680...0x1680, 0x17B4...0x17B5,
        0x180B...0x180F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x2000...0x200F, 0x2028...0x202F,
        0x205F...0x206F, 0x20D0...0x20FF, 0x2800...0x2800, 0x3000...0x3000, 0x3164...0x3164,
        0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xFEFF...0xFEFF, 0xFFA0...0xFFA0, 0xFFF0...0xFFF8,
        0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0000...0xE0FFF,
    ]

    /// `U+XXXX`, as messages name a scalar.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
