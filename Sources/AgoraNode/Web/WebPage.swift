import AgoraHTTP

/// What every page of one request shares: the interface language, the reader's content
/// languages, and the page frame (head, header with navigation and language switch, footer).
struct WebPage: Sendable {
    /// The request.
    let request: HTTPRequest
    /// The interface text.
    let messages: Messages
    /// The languages record text is wanted in, best first.
    let preferences: [String]

    /// The page context of `request`.
    init(_ request: HTTPRequest) {
        self.request = request
        messages = Messages(WebLanguage.interfaceLanguage(of: request))
        preferences = WebLanguage.contentPreferences(request, interface: messages.language)
    }

    /// The interface language.
    var hl: String { messages.language }

    /// A link inside the catalog that keeps the interface language.
    func link(_ segments: [String], _ query: [(name: String, value: String)] = []) -> String {
        WebURL(segments, query: query + [("hl", hl)]).string
    }

    /// A whole HTML document: `title` in the head, `main` as the page's main content.
    /// - Parameter alternate: a feed to announce in the head (`<link rel="alternate">`).
    func document(title: String, alternate: String? = nil, _ main: (inout HTML) -> Void) -> HTML {
        var html = HTML(literal: "<!DOCTYPE html>\n")
        html.element("html", ["lang": hl]) { html in
            html.element("head") { head in
                head.void("meta", ["charset": "utf-8"])
                head.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                head.element("title", text: title + " · " + messages("site.name"))
                head.void("link", ["rel": "stylesheet", "href": WebStatic.stylesheetPath])
                head.void("link", ["rel": "alternate", "type": "application/atom+xml", "title": messages("feed.coalition"),
                                   "href": alternate ?? WebURL(["feeds", "atom"]).string])
            }
            html.element("body") { body in
                body.element("a", ["class": "skip", "href": "#main"], text: messages("nav.skip"))
                header(&body)
                body.element("main", ["id": "main", "tabindex": "-1"]) { main(&$0) }
                body.element("footer") { footer in
                    footer.element("p", text: messages("footer.text"))
                    footer.element("p") { $0.element("a", ["href": link(["staff"])], text: messages("staff.title")) }
                }
            }
        }
        return html
    }

    private func header(_ html: inout HTML) {
        html.element("header", ["class": "site"]) { header in
            header.element("a", ["class": "brand", "href": link([])], text: messages("site.name"))
            header.element("nav", ["aria-label": messages("nav.main")]) { nav in
                nav.element("ul") { list in
                    for (key, segments) in [("nav.search", [String]()), ("nav.overview", ["overview"])] {
                        list.element("li") { $0.element("a", ["href": link(segments)], text: messages(key)) }
                    }
                    list.element("li") { $0.element("a", ["href": WebURL(["feeds", "atom"]).string], text: messages("nav.feed")) }
                }
            }
            header.element("nav", ["aria-label": messages("nav.language")]) { nav in
                nav.element("ul", ["class": "languages"]) { list in
                    for language in WebLanguage.interface {
                        let here = WebURL(Self.segments(of: request.path), query: request.queryItems.map { ($0.name, $0.value) })
                        list.element("li") { item in
                            item.element("a", ["href": here.setting("hl", language).string, "lang": language,
                                               "hreflang": language, "aria-current": language == hl ? "true" : nil],
                                         text: Messages(language)("language.self"))
                        }
                    }
                }
            }
        }
    }

    /// The decoded segments of a request path.
    static func segments(of path: String) -> [String] {
        path.split(separator: "/").map { PercentEncoding.decode($0) ?? String($0) }
    }

    /// An HTML page response with the security headers of ``WebSecurity``.
    static func response(_ html: HTML, status: HTTPStatus = .ok) -> HTTPResponse {
        WebSecurity.secured(HTTPResponse(status: status, headers: ["Content-Type": "text/html; charset=utf-8",
                                                                    "Cache-Control": "no-cache"],
                                         body: Array(html.markup.utf8)))
    }

    /// A page that says something went wrong, with the status.
    func errorPage(_ status: HTTPStatus, titleKey: String, detailKey: String) -> HTTPResponse {
        let title = messages(titleKey)
        return Self.response(document(title: title) { main in
            main.element("h1", text: title)
            main.element("p", text: messages(detailKey))
            main.element("p") { $0.element("a", ["href": link([])], text: messages("error.back")) }
        }, status: status)
    }
}
