/// A plain-text table for terminals: left-aligned columns, long cells cut with an ellipsis.
public struct TextTable: Sendable {
    /// The widest a column may grow, in characters.
    public static let maximumColumnWidth = 48

    /// The header cells.
    public let header: [String]
    /// The body rows; each has as many cells as the header.
    public private(set) var rows: [[String]] = []

    /// A table with these column titles.
    public init(header: [String]) { self.header = header }

    /// Appends a row (missing cells are blank, extra cells are dropped).
    public mutating func append(_ row: [String]) {
        rows.append((0..<header.count).map { $0 < row.count ? Self.flatten(row[$0]) : "" })
    }

    /// The rendered table, one line per row, with a rule under the header.
    public func render() -> String {
        let widths = header.indices.map { column in
            min(Self.maximumColumnWidth, ([header] + rows).map { $0[column].count }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let fitted = Self.fit(cell, width: widths[index])
                return index == cells.count - 1 ? fitted : fitted + String(repeating: " ", count: widths[index] - fitted.count)
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// The cell cut to `width` characters, ending in "…" when it was longer.
    static func fit(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }

    /// Newlines and tabs become spaces so a cell stays on one line.
    static func flatten(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
