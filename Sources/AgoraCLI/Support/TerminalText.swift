/// Text that came from data (a record, a change, an error's field path) made harmless for a
/// terminal: every control character (C0, DEL, C1), every bidirectional control and the line
/// and paragraph separators are written as `\u{XXXX}`, so no escape sequence reaches the
/// terminal and no right-to-left override reorders what follows. Line feeds are either escaped
/// too or, for multi-line text, kept with the next line indented, so data can never start a
/// line of its own. See docs/CLI.md, "Text from data".
enum TerminalText {
    /// The bidirectional controls: ALM, LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
    static let bidirectionalControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                                     0x2066, 0x2067, 0x2068, 0x2069]

    /// Whether a terminal must not receive this scalar as it is.
    static func needsEscape(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            || bidirectionalControls.contains(value)
    }

    /// `text` with each scalar that `needsEscape` written as `\u{XXXX}`. With `keepLines`, a line
    /// feed stays and the next line starts with `indent`; tabs stay too.
    static func escape(_ text: String, keepLines: Bool = false, indent: String = "    ") -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if keepLines && scalar == "\n" {
                out.append(scalar)
                out.append(contentsOf: indent.unicodeScalars)
            } else if keepLines && scalar == "\t" || !needsEscape(scalar.value) {
                out.append(scalar)
            } else {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }
}
