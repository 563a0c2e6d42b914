import AgoraCore

/// CSV of records (RFC 4180): a header row, then one row per record that is not deleted.
///
/// Text columns come twice: in the record's original language (`title`, `summary`) and in
/// English (`title_en`, `summary_en`, empty when there is no English text), so a spreadsheet
/// reader gets both. Multi-valued columns are joined with `"; "`. Rows end with CRLF; the file
/// is UTF-8 without a byte-order mark. A cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, so no spreadsheet runs it as a formula.
/// See `docs/EXPORT.md`.
public enum CSVExport {
    /// The columns, in order.
    public static let columns = [
        "id", "kind", "city", "country", "stage", "start_date", "end_date", "original_language",
        "title", "summary", "title_en", "summary_en", "themes", "tags", "languages", "partners",
        "links", "licence", "contact", "illustrative", "sources", "adapted_from", "adopted_by",
    ]

    /// Characters that make a spreadsheet treat a cell as a formula when they come first.
    public static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    /// The header row, with CRLF.
    public static var headerRow: String { row(columns) }

    /// The row of one record, with CRLF; nil for a deleted record.
    public static func row(for record: RecordView) -> String? {
        guard !record.isDeleted else { return nil }
        let original = record.originalLanguage
        let languages = Set(record.text("title").keys).union(record.text("summary").keys).sorted()
        let cells: [String] = [
            record.id, record.string("kind") ?? "", record.string("city") ?? "", record.string("country") ?? "",
            record.string("stage") ?? "", record.string("startDate") ?? "", record.string("endDate") ?? "",
            original ?? "", record.text("title", in: original) ?? "", record.text("summary", in: original) ?? "",
            record.text("title")["en"] ?? "", record.text("summary")["en"] ?? "",
            record.strings("themes").joined(separator: "; "), record.strings("tags").joined(separator: "; "),
            languages.joined(separator: "; "), record.strings("partners").joined(separator: "; "),
            record.strings("links").joined(separator: " "), record.string("licence") ?? "CC-BY-4.0",
            record.string("contact") ?? "", (record.document["illustrative"]?.boolValue ?? false) ? "true" : "false",
            record.sources.compactMap { $0["title"]?.stringValue }.joined(separator: "; "),
            record.string("adaptedFrom") ?? "",
            record.contributions.keys.filter { record.contributions[$0]?["adoption"] != nil }.sorted().joined(separator: "; "),
        ]
        return row(cells)
    }

    /// One CSV row from cells: each with its control characters replaced, made formula-safe, then
    /// quoted when RFC 4180 requires it.
    public static func row(_ cells: [String]) -> String {
        cells.map { quoted(formulaSafe(withoutControls($0))) }.joined(separator: ",") + "\r\n"
    }

    /// `cell` with each control character but tab, line feed and carriage return (C0, DEL, C1)
    /// replaced by U+FFFD, so no NUL or ESC reaches a file, even from data stored before the
    /// protocol refused them (`protocol/RECORDS.md`, "Characters").
    public static func withoutControls(_ cell: String) -> String {
        func isControl(_ v: UInt32) -> Bool { (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v) }
        guard cell.unicodeScalars.contains(where: { isControl($0.value) }) else { return cell }
        var out = String.UnicodeScalarView()
        for scalar in cell.unicodeScalars { out.append(isControl(scalar.value) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    /// `cell` with a leading apostrophe when it would start a formula.
    public static func formulaSafe(_ cell: String) -> String {
        guard let first = cell.first, formulaTriggers.contains(first) else { return cell }
        return "'" + cell
    }

    /// `cell` in double quotes (inner quotes doubled) when it holds a comma, quote, CR or LF.
    public static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return cell
        }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
