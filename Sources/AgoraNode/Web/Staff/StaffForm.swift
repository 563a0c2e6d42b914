/// Form controls of the staff pages: a label, the control, and its error right next to it
/// (`aria-describedby`, `aria-invalid`), with what was typed kept.
enum StaffForm {
    /// A labelled text input (or `type`), with an error under its label when there is one.
    static func field(_ html: inout HTML, name: String, label: String, value: String, error: String?,
                      type: String = "text", attributes: KeyValuePairs<String, String> = [:]) {
        let id = "f-" + name.replacingOccurrences(of: ".", with: "-")
        html.element("div", ["class": "field"]) { div in
            div.element("label", ["for": id], text: label)
            if let error { div.element("p", ["class": "error", "id": id + "-error"], text: error) }
            var markup = HTML()
            markup.void("input", ["type": type, "id": id, "name": name, "value": value,
                                  "aria-invalid": error == nil ? nil : "true", "aria-describedby": error == nil ? nil : id + "-error",
                                  "autocomplete": attributes.first { $0.key == "autocomplete" }?.value,
                                  "required": attributes.first { $0.key == "required" }?.value])
            div.append(markup)
        }
    }

    /// A labelled text area.
    static func area(_ html: inout HTML, name: String, label: String, value: String, error: String?, language: String? = nil) {
        let id = "f-" + name.replacingOccurrences(of: ".", with: "-")
        html.element("div", ["class": "field"]) { div in
            div.element("label", ["for": id], text: label)
            if let error { div.element("p", ["class": "error", "id": id + "-error"], text: error) }
            div.element("textarea", ["id": id, "name": name, "rows": "4", "lang": WebLanguage.validTag(language), "dir": "auto",
                                     "aria-invalid": error == nil ? nil : "true",
                                     "aria-describedby": error == nil ? nil : id + "-error"], text: value)
        }
    }

    /// A labelled select of `options` (value, label).
    static func select(_ html: inout HTML, name: String, label: String, options: [(String, String)], selected: String?,
                       error: String?) {
        let id = "f-" + name
        html.element("div", ["class": "field"]) { div in
            div.element("label", ["for": id], text: label)
            if let error { div.element("p", ["class": "error", "id": id + "-error"], text: error) }
            div.element("select", ["id": id, "name": name, "aria-invalid": error == nil ? nil : "true",
                                   "aria-describedby": error == nil ? nil : id + "-error"]) { select in
                for (value, text) in options {
                    select.element("option", ["value": value, "selected": value == selected ? "selected" : nil], text: text)
                }
            }
        }
    }

    /// The hidden CSRF field of a session's forms.
    static func csrf(_ html: inout HTML, _ token: String) {
        html.void("input", ["type": "hidden", "name": "csrf", "value": token])
    }
}
