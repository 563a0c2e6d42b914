import AgoraCore
import AgoraHTTP
import AgoraStore

/// `GET /staff` (drafts, audit log), `GET /staff/record?id=` (adopt, edit, delete, redact one
/// record) and the `POST`s those forms send.
extension WebStaff {
    /// Audit entries the dashboard lists.
    static let auditShown = 50

    func dashboard(_ request: HTTPRequest, _ page: WebPage, session: StaffSessions.Session, store: Store) async throws -> HTTPResponse {
        let m = page.messages
        let drafts = try await store.drafts()
        let audit = try await store.auditLog(limit: Self.auditShown)
        let html = page.document(title: m("staff.title")) { main in
            main.element("h1", text: m("staff.title"))
            main.element("p", text: m("staff.signedIn", ["user": session.user, "city": city]))
            main.element("form", ["method": "post", "action": page.link(["staff", "logout"])]) { form in
                StaffForm.csrf(&form, session.csrf)
                form.element("button", ["type": "submit"], text: m("staff.logout"))
            }
            main.element("p") { $0.element("a", ["href": page.link(["staff", "edit"])], text: m("staff.new")) }
            main.element("h2", text: m("staff.drafts"))
            if drafts.isEmpty { main.element("p", text: m("staff.noDrafts")) }
            main.element("ul") { list in
                for draft in drafts {
                    list.element("li") { item in
                        item.element("a", ["href": page.link(["staff", "edit"], [("draft", String(draft.id))])]) { $0.data(draft.record) }
                        item.text(" · " + draft.author + " · " + m.date(milliseconds: draft.updatedMilliseconds))
                    }
                }
            }
            main.element("h2", text: m("staff.audit"))
            main.element("table") { table in
                table.element("thead") { head in
                    head.element("tr") { row in
                        for key in ["history.when", "staff.audit.user", "staff.audit.action", "staff.audit.record"] {
                            row.element("th", ["scope": "col"], text: m(key))
                        }
                    }
                }
                table.element("tbody") { body in
                    for entry in audit {
                        body.element("tr") { row in
                            row.element("td", text: m.date(milliseconds: entry.atMilliseconds))
                            row.element("td") { $0.data(entry.user) }
                            row.element("td") { $0.data(entry.action + (entry.detail.map { " (\($0))" } ?? "")) }
                            row.element("td") { $0.data(entry.record ?? "") }
                        }
                    }
                }
            }
        }
        return WebPage.response(html)
    }

    func recordTools(_ request: HTTPRequest, _ page: WebPage, session: StaffSessions.Session, store: Store,
                     error: String? = nil, note: String = "") async throws -> HTTPResponse {
        let m = page.messages
        guard let id = request.query("id") ?? FormData(request)["id"], RecordID(id) != nil, let state = try await store.record(id) else {
            throw WebNotFound()
        }
        let view = (try? RecordView(stateJSON: state)) ?? RecordView(state: .object([:]))
        let own = id.hasPrefix(city + "/")
        let history = own ? try await store.history(id).filter { $0.change.authorCity == city && !$0.isErased } : []
        let html = page.document(title: m("staff.record.title")) { main in
            main.element("h1") { $0.text(m("staff.record.title") + ": "); $0.data(id) }
            if own {
                main.element("p") { $0.element("a", ["href": page.link(["staff", "edit"], [("record", id)])], text: m("staff.record.edit")) }
                main.element("form", ["method": "post", "action": page.link(["staff", "delete"])]) { form in
                    StaffForm.csrf(&form, session.csrf)
                    form.void("input", ["type": "hidden", "name": "id", "value": id])
                    form.void("input", ["type": "hidden", "name": "undo", "value": view.isDeleted ? "1" : "0"])
                    form.element("button", ["type": "submit"], text: m(view.isDeleted ? "staff.record.undelete" : "staff.record.delete"))
                }
                main.element("h2", text: m("staff.record.redact"))
                main.element("p", text: m("staff.record.redactHelp"))
                main.element("ul") { list in
                    for entry in history.reversed() {
                        list.element("li") { item in
                            item.element("form", ["method": "post", "action": page.link(["staff", "redact"])]) { form in
                                StaffForm.csrf(&form, session.csrf)
                                form.void("input", ["type": "hidden", "name": "id", "value": id])
                                form.void("input", ["type": "hidden", "name": "change", "value": entry.change.idHex])
                                form.text(m.date(milliseconds: entry.change.hlcMilliseconds) + " · ")
                                form.element("code", text: String(entry.change.idHex.prefix(16)))
                                form.text(" ")
                                form.element("button", ["type": "submit", "aria-label": m("staff.record.redactOne", ["change": String(entry.change.idHex.prefix(16))])],
                                             text: m("staff.record.redactButton"))
                            }
                        }
                    }
                }
            } else {
                main.element("h2", text: m("staff.adopt.title"))
                main.element("form", ["method": "post", "action": page.link(["staff", "adopt"]), "class": "staff"]) { form in
                    StaffForm.csrf(&form, session.csrf)
                    form.void("input", ["type": "hidden", "name": "id", "value": id])
                    StaffForm.select(&form, name: "noteLanguage", label: m("staff.adopt.language"),
                                     options: WebLanguage.interface.map { ($0, m.languageName($0)) }, selected: page.hl, error: nil)
                    StaffForm.area(&form, name: "note", label: m("staff.adopt.note"), value: note, error: error)
                    StaffForm.field(&form, name: "year", label: m("facet.year"), value: "", error: nil)
                    form.element("button", ["type": "submit"], text: m("staff.adopt.submit"))
                }
            }
        }
        return WebPage.response(html, status: error == nil ? .ok : .unprocessableContent)
    }

    func adopt(_ request: HTTPRequest, _ page: WebPage, session: StaffSessions.Session, store: Store) async throws -> HTTPResponse {
        let form = FormData(request)
        let id = form["id"] ?? "", note = (form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let language = WebLanguage.validTag(form["noteLanguage"]) ?? page.hl
        guard !note.isEmpty else {
            return try await recordTools(request, page, session: session, store: store, error: page.messages("staff.adopt.noteMissing"))
        }
        var entry: [String: JSONValue] = ["note": .object([language: .string(note)])]
        if let year = form["year"].flatMap({ Int($0) }), (1900...2200).contains(year) { entry["year"] = .number(Double(year)) }
        do {
            _ = try await writer.adopt(record: id, entry: .object(entry))
        } catch {
            return try await recordTools(request, page, session: session, store: store, error: "\(error)", note: note)
        }
        try await store.audit(.init(atMilliseconds: clock(), user: session.user, action: "adopt", record: id, detail: nil))
        return Self.redirect(WebURL.record(id, hl: page.hl).string)
    }

    func delete(_ request: HTTPRequest, _ page: WebPage, session: StaffSessions.Session, store: Store) async throws -> HTTPResponse {
        let form = FormData(request)
        let id = form["id"] ?? "", undo = form["undo"] == "1"
        _ = try await writer.delete(record: id, undo: undo)
        try await store.audit(.init(atMilliseconds: clock(), user: session.user, action: undo ? "undelete" : "delete", record: id, detail: nil))
        return Self.redirect(WebURL.record(id, hl: page.hl).string)
    }

    func redact(_ request: HTTPRequest, _ page: WebPage, session: StaffSessions.Session, store: Store) async throws -> HTTPResponse {
        let form = FormData(request)
        let id = form["id"] ?? "", change = form["change"] ?? ""
        guard ParameterSyntax.isChangeID(change) else { throw WebNotFound() }
        _ = try await writer.redact(change: change, reason: nil)
        try await store.audit(.init(atMilliseconds: clock(), user: session.user, action: "redact", record: id, detail: "change \(change)"))
        return Self.redirect(WebURL.record(id, hl: page.hl).string)
    }
}
