import AgoraCore
import AgoraStore

/// The record page's provenance: owner city, signing key, signature check, last change, the
/// full history, and links to the record's machine-readable forms.
extension RecordPageView {
    func provenance(_ html: inout HTML) {
        html.element("section", ["aria-labelledby": "provenance"]) { section in
            section.element("h2", ["id": "provenance"], text: messages("record.provenance"))
            let last = history.last { $0.isEffective } ?? history.last
            section.element("dl", ["class": "facts"]) { list in
                list.element("dt", text: messages("record.owner"))
                list.element("dd") { $0.element("a", ["href": WebURL.city(owner, hl: page.hl).string]) { $0.data(owner) } }
                if let last {
                    let check = Self.check(last)
                    list.element("dt", text: messages("record.signingKey"))
                    list.element("dd") { $0.element("code", text: check.key) }
                    list.element("dt", text: messages("record.signature"))
                    list.element("dd", text: messages(check.verified ? "record.signatureVerified" : "record.signatureNotVerified"))
                    list.element("dt", text: messages("record.lastChange"))
                    list.element("dd", text: messages.date(milliseconds: last.change.hlcMilliseconds))
                }
            }
            historyTable(&section)
            formats(&section)
        }
    }

    /// The key a change names and whether its signature verifies now.
    static func check(_ entry: HistoryEntry) -> (key: String, verified: Bool) {
        let header = (try? CanonicalJSON.decode(entry.change.header)) ?? .object([:])
        let key = header["key"]?.stringValue ?? ""
        return (key, HistoryView.isValidSignature(entry.change, header: header, keyHex: key))
    }

    func historyTable(_ html: inout HTML) {
        html.element("h3", text: messages("record.history"))
        html.element("table") { table in
            table.element("caption", text: messages.count("record.historyCount", history.count))
            table.element("thead") { head in
                head.element("tr") { row in
                    for key in ["history.when", "history.city", "history.what", "history.status", "history.signature"] {
                        row.element("th", ["scope": "col"], text: messages(key))
                    }
                }
            }
            table.element("tbody") { body in
                for entry in history.reversed() { historyRow(entry, &body) }
            }
        }
    }

    func historyRow(_ entry: HistoryEntry, _ html: inout HTML) {
        let check = Self.check(entry)
        let header = (try? CanonicalJSON.decode(entry.change.header)) ?? .object([:])
        html.element("tr") { row in
            row.element("td", text: messages.date(milliseconds: entry.change.hlcMilliseconds))
            row.element("td") { $0.data(entry.change.authorCity) }
            row.element("td") { $0.data(Self.operations(header)) }
            row.element("td") { cell in
                if entry.isErased { cell.text(messages("history.erased")) }
                else if entry.isEffective { cell.text(messages("history.effective")) }
                else {
                    cell.text(messages("history.ineffective"))
                    if let reason = entry.reason { cell.text(": "); cell.data(reason) }
                }
            }
            row.element("td", text: messages(check.verified ? "history.verified" : "history.notVerified"))
        }
    }

    /// The operations of a header in a few words: `set title (sq), add themes`.
    static func operations(_ header: JSONValue) -> String {
        let ops = header["ops"]?.arrayValue ?? []
        let words = ops.prefix(8).map { op -> String in
            let name = op["op"]?.stringValue ?? "?"
            let target = op["field"]?.stringValue ?? op["entry"]?.stringValue
            let language = op["lang"]?.stringValue.map { " (\($0))" } ?? ""
            return [name, target].compactMap { $0 }.joined(separator: " ") + language
        }
        return words.joined(separator: ", ") + (ops.count > 8 ? ", …" : "")
    }

    func formats(_ html: inout HTML) {
        let api = ["api", "v1", "records"] + id.split(separator: "/").map(String.init)
        html.element("h3", text: messages("record.formats"))
        html.element("ul") { list in
            let links: [(String, WebURL)] = [
                ("record.json", WebURL(api)), ("record.historyJSON", WebURL(api + ["history"])),
                ("record.dcat", WebURL(["records"] + id.split(separator: "/").map(String.init) + ["dcat"])),
            ]
            let manage = WebURL(["staff", "record"], query: [("id", id), ("hl", page.hl)])
            list.element("li") { $0.element("a", ["href": manage.string], text: messages("record.manage")) }
            for (key, url) in links {
                list.element("li") { $0.element("a", ["href": url.string, "type": key == "record.dcat" ? "application/ld+json" : "application/json"],
                                                 text: messages(key)) }
            }
        }
    }
}
