/// A plain-text table for terminals: left-aligned columns, long cells cut with an ellipsis.
public struct TextTable: Sendable {
    /// The widest a column may grow, in characters.
    public static let maximumColumnWidth = 48

    /// The header cells.
    public let header: [String]
    /// The body rows; each has as many cells as the header.
    public private(set) var rows: [[String]] = []
    /// A detail line printed under each row (indented, not cut), or nil.
    public private(set) var details: [String?] = []
    /// The widest a detail line may be before it is cut.
    public static let maximumDetailWidth = 160

    /// Columns never cut (ids, keys): people copy them.
    public let uncut: Set<Int>

    /// A table with these column titles; the columns in `uncut` keep their full text.
    public init(header: [String], uncut: Set<Int> = []) {
        self.header = header
        self.uncut = uncut
    }

    /// Appends a row (missing cells are blank, extra cells are dropped).
    public mutating func append(_ row: [String], detail: String? = nil) {
        rows.append((0..<header.count).map { $0 < row.count ? Self.flatten(row[$0]) : "" })
        details.append(detail.map(Self.flatten).flatMap { $0.isEmpty ? nil : "    " + Self.fit($0, width: Self.maximumDetailWidth) })
    }

    /// The rendered table, one line per row, with a rule under the header.
    public func render() -> String {
        let widths = header.indices.map { column in
            let widest = ([header] + rows).map { $0[column].count }.max() ?? 0
            return uncut.contains(column) ? widest : min(Self.maximumColumnWidth, widest)
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let fitted = Self.fit(cell, width: widths[index])
                return index == cells.count - 1 ? fitted : fitted + String(repeating: " ", count: widths[index] - fitted.count)
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        let body = zip(rows, details).flatMap { row, detail in [line(row)] + (detail.map { [$0] } ?? []) }
        return ([line(header), rule] + body).joined(separator: "\n") + "\n"
    }

    /// The cell cut to `width` characters, ending in "…" when it was longer.
    static func fit(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }

    /// Newlines and tabs become spaces so a cell stays on one line; other controls and
    /// bidirectional controls are escaped (`TerminalText`).
    static func flatten(_ text: String) -> String {
        TerminalText.escape(String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }))
    }
}
