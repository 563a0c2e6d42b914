import AgoraCore
import AgoraNode

/// A record as readable text: one line per field and language, in the field table's order.
enum RecordRendering {
    static func text(_ record: RecordView) -> String {
        let kind = record.string("kind") ?? "record", owner = record.string("city") ?? ""
        var lines = ["\(record.id)  (\(kind) of \(owner))" + (record.isDeleted ? "  [DELETED]" : "")]
        if record.document["illustrative"]?.boolValue == true {
            lines.append("ILLUSTRATIVE: this record's content is illustrative, not sourced")
        }
        for field in RecordField.all where !["id", "kind", "city"].contains(field.name) {
            guard let value = record.document[field.name] else { continue }
            lines += render(field, value)
        }
        if record.document["title"] == nil {
            lines.append("(this node holds no content of this record, only what other cities wrote about it)")
        }
        for (city, entries) in record.contributions.sorted(by: { $0.key < $1.key }) {
            for (entry, value) in (entries.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                let year = value["year"]?.numberValue.map { " (\(Int($0)))" } ?? ""
                lines.append("\(TerminalText.escape(entry)) by \(TerminalText.escape(city))\(year): " + describe(value["note"] ?? value))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func render(_ field: RecordField, _ value: JSONValue) -> [String] {
        if field.isText, let map = value.objectValue {
            return map.sorted { $0.key < $1.key }.map { "\(field.name) [\(TerminalText.escape($0.key))]: \(describe($0.value))" }
        }
        if field.name == "sources", let sources = value.arrayValue {
            return sources.map { source in
                let parts = [source["title"], source["publisher"], source["date"], source["url"], source["seed"]].compactMap { $0.map(describe) }
                return "source: " + parts.joined(separator: " · ")
            }
        }
        return ["\(field.name): \(describe(value))"]
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return TerminalText.escape(text, keepLines: true)
        case .array(let items): return items.map(describe).joined(separator: ", ")
        case .object(let map): return map.sorted { $0.key < $1.key }.map { "[\(TerminalText.escape($0.key))] \(describe($0.value))" }.joined(separator: " ")
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .null: return "null"
        }
    }
}
