import AgoraCore
import AgoraHTTP
import AgoraStore

/// `GET /staff/edit` (a new record, `?record=` one of the city's, `?draft=` a draft) and
/// `POST /staff/edit` (save as draft, or publish).
extension WebStaff {
    func editPage(_ request: HTTPRequest, _ page: WebPage, session: StaffSessions.Session, store: Store) async throws -> HTTPResponse {
        var form = RecordForm()
        if let draftID = request.query("draft").flatMap({ Int64($0) }),
           let draft = try await store.drafts().first(where: { $0.id == draftID }) {
            form = RecordForm(document: (try? CanonicalJSON.decode(Array(draft.document.utf8)))?.objectValue ?? [:], draft: draftID)
        } else if let id = request.query("record"), id.hasPrefix(city + "/"), let state = try await store.record(id) {
            form = RecordForm(document: (try? RecordView(stateJSON: state))?.document ?? [:], draft: nil)
        } else {
            form.values["originalLanguage"] = page.hl
            form.values["kind"] = "practice"
            form.values["stage"] = "implementation"
        }
        return editForm(page, session: session, form: form, error: nil)
    }

    func edit(_ request: HTTPRequest, _ page: WebPage, session: StaffSessions.Session, store: Store) async throws -> HTTPResponse {
        let data = FormData(request)
        let form = RecordForm(data)
        let id = form.recordID(city: city)
        var base: [String: JSONValue] = [:]
        if let draftID = form.draft, let draft = try await store.drafts().first(where: { $0.id == draftID }) {
            base = (try? CanonicalJSON.decode(Array(draft.document.utf8)))?.objectValue ?? [:]
        } else if RecordID(id) != nil, let state = try await store.record(id) {
            base = (try? RecordView(stateJSON: state))?.document ?? [:]
        }
        let document = form.document(city: city, base: base)
        let text = String(decoding: CanonicalJSON.encode(document), as: UTF8.self)
        if data["action"] == "draft" {
            let saved = try await store.saveDraft(id: form.draft, record: id, author: session.user, document: text, now: clock())
            try await store.audit(.init(atMilliseconds: clock(), user: session.user, action: "save-draft", record: id, detail: "draft \(saved)"))
            return Self.redirect(page.link(["staff"]))
        }
        if let problem = Self.validationProblem(document) {
            return editForm(page, session: session, form: form, error: problem, status: .unprocessableContent)
        }
        let result: PublishResult
        do {
            result = try await writer.publish(document: document)
        } catch {
            return editForm(page, session: session, form: form, error: ("slug", "\(error)"), status: .unprocessableContent)
        }
        try await store.audit(.init(atMilliseconds: clock(), user: session.user, action: "publish", record: id,
                                    detail: result.changes.last.map { "change \($0)" } ?? "no difference"))
        if let draftID = form.draft { try await store.deleteDraft(draftID) }
        return Self.redirect(WebURL.record(id, hl: page.hl).string)
    }

    /// The form field and message of the first fault of `document`, or nil when it is a valid record.
    static func validationProblem(_ document: JSONValue) -> (field: String, message: String)? {
        let result = Result { () throws(RecordValidationError) -> RecordDocument in try RecordDocument(json: document) }
        guard case .failure(let error) = result else { return nil }
        return (RecordForm.field(forPath: error.path), error.message)
    }

    func editForm(_ page: WebPage, session: StaffSessions.Session, form: RecordForm, error: (field: String, message: String)?,
                  status: HTTPStatus = .ok) -> HTTPResponse {
        let m = page.messages
        let title = m("staff.edit.title")
        let errorFor = { (name: String) in error?.field == name ? error?.message : nil }
        let html = page.document(title: title) { main in
            main.element("h1", text: title)
            if let error {
                main.element("div", ["class": "notice", "role": "alert"]) { box in
                    box.element("p", text: m("staff.edit.problem"))
                    box.element("p") { $0.element("a", ["href": "#f-" + error.field.replacingOccurrences(of: ".", with: "-")]) { $0.data(error.message) } }
                }
            }
            main.element("form", ["method": "post", "action": page.link(["staff", "edit"]), "class": "staff"]) { f in
                StaffForm.csrf(&f, session.csrf)
                if let draft = form.draft { f.void("input", ["type": "hidden", "name": "draft", "value": String(draft)]) }
                f.element("fieldset") { set in
                    set.element("legend", text: m("staff.edit.common"))
                    StaffForm.select(&set, name: "kind", label: m("facet.kind"),
                                     options: SearchParameters.kinds.map { ($0, m("kind.\($0)")) }, selected: form.value("kind"), error: errorFor("kind"))
                    StaffForm.field(&set, name: "slug", label: m("staff.edit.slug"), value: form.value("slug"), error: errorFor("slug"))
                    StaffForm.select(&set, name: "stage", label: m("facet.stage"),
                                     options: SearchParameters.stages.map { ($0, m("stage.\($0)")) }, selected: form.value("stage"), error: errorFor("stage"))
                    StaffForm.field(&set, name: "country", label: m("field.country"), value: form.value("country"), error: errorFor("country"))
                    StaffForm.select(&set, name: "originalLanguage", label: m("field.originalLanguage"),
                                     options: WebLanguage.interface.map { ($0, m.languageName($0)) }, selected: form.value("originalLanguage"),
                                     error: errorFor("originalLanguage"))
                    StaffForm.field(&set, name: "startDate", label: m("staff.edit.startDate"), value: form.value("startDate"), error: errorFor("startDate"))
                    StaffForm.field(&set, name: "source.title", label: m("staff.edit.sourceTitle"), value: form.value("source.title"),
                                    error: errorFor("source.title"))
                    StaffForm.field(&set, name: "source.url", label: m("staff.edit.sourceURL"), value: form.value("source.url"),
                                    error: errorFor("source.url"), type: "url")
                }
                themes(&f, page, form, error: errorFor("themes"))
                for language in WebLanguage.interface {
                    f.element("fieldset", ["lang": language]) { set in
                        set.element("legend", text: m.languageName(language))
                        for field in RecordForm.textFields {
                            let name = "\(field).\(language)"
                            if field == "title" {
                                StaffForm.field(&set, name: name, label: m("field.title"), value: form.value(name), error: errorFor(name))
                            } else {
                                StaffForm.area(&set, name: name, label: m("field.\(field)"), value: form.value(name), error: errorFor(name),
                                               language: language)
                            }
                        }
                    }
                }
                f.element("button", ["type": "submit", "name": "action", "value": "draft"], text: m("staff.edit.saveDraft"))
                f.text(" ")
                f.element("button", ["type": "submit", "name": "action", "value": "publish"], text: m("staff.edit.publish"))
            }
        }
        var response = WebPage.response(html, status: status)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    func themes(_ html: inout HTML, _ page: WebPage, _ form: RecordForm, error: String?) {
        html.element("fieldset", ["aria-describedby": error == nil ? nil : "f-themes-error"]) { set in
            set.element("legend", text: page.messages("field.themes"))
            if let error { set.element("p", ["class": "error", "id": "f-themes-error"], text: error) }
            for theme in Taxonomy.themes {
                let id = "t-" + theme.id.replacingOccurrences(of: "/", with: "-")
                set.element("div", ["class": "check"]) { div in
                    div.void("input", ["type": "checkbox", "id": id, "name": "themes", "value": theme.id,
                                       "checked": form.themes.contains(theme.id) ? "checked" : nil])
                    div.element("label", ["for": id], text: page.themeLabel(theme.id))
                }
            }
        }
    }
}
