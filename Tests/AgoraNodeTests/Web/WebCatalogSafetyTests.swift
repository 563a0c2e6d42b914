import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import AgoraCore
import AgoraHTTP
import AgoraTesting
@testable import AgoraNode

/// Hostile strings in every field of a record come out inert on every page and in every feed.
@Suite("Web catalog safety")
struct WebCatalogSafetyTests {
    /// Every page type, in each interface language, that shows the hostile record.
    static let pages = [
        "/", "/?q=dhena", "/?q=data&kind=practice", "/?city=tirana", "/?q=nothingmatcheszzz&city=tirana",
        "/records/tirana/practice/hostile", "/records/tirana/practice/hostile?lang=bg",
        "/records/tirana/practice/hostile?lang=en", "/records/tirana/pilot/digital-rights-pilot",
        "/cities/tirana", "/cities/sofia", "/overview", "/no/such/page",
    ]

    @Test(arguments: WebLanguage.interface)
    func hostileFieldsAreInertOnEveryPage(language: String) async throws {
        let web = try await WebHarness.make(name: "inert-\(language)")
        defer { Task { await web.close() } }
        for path in Self.pages {
            let response = await web.get(path + (path.contains("?") ? "&" : "?") + "hl=\(language)")
            let html = response.text
            #expect(HTMLInertness.problems(in: html).isEmpty, "\(path): \(HTMLInertness.problems(in: html))")
            #expect(response.headers["Content-Security-Policy"] == WebSecurity.contentSecurityPolicy, "\(path)")
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(html.contains("<html lang=\"\(language)\">"), "\(path)")
        }
    }

    @Test func hostileTextIsShownEscapedNotDropped() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let html = await web.get("/records/tirana/practice/hostile?lang=en").text
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("<bdi lang=\"en\">"))
        #expect(html.contains(Hostile.longWord))
        #expect(!html.contains("\u{1}"), "a control character reached the page")
        // A javascript: URL is shown as text, never linked; an http URL with a quote is not linked either.
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("href=\"https://example.org/&quot;"))
        // Sofia's adoption and translation are shown as hers.
        #expect(html.contains("/cities/sofia"))
    }

    @Test func snippetMarksInTheDataCannotOpenOrCloseElements() {
        var html = HTML()
        html.snippet("a\u{3}b\u{2}c\u{2}d")
        #expect(html.markup == "<bdi>a b<mark>c d</mark></bdi>".replacingOccurrences(of: " ", with: ""))
        #expect(HTMLInertness.balance(html.markup).isEmpty)
    }

    @Test(arguments: ["/feeds/atom", "/feeds/atom?city=tirana", "/feeds/atom?theme=transparency/open-data",
                      "/feeds/atom?theme=transparency"])
    func feedsAreWellFormedXMLWithHostileTextAsText(path: String) async throws {
        let web = try await WebHarness.make(name: "feed-\(path.filter(\.isLetter))")
        defer { Task { await web.close() } }
        let response = await web.get(path)
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/atom+xml; charset=utf-8")
        #expect(response.headers["Content-Security-Policy"] == WebSecurity.contentSecurityPolicy)
        let titles = AtomTitles.parse(response.body)
        #expect(titles.error == nil, "\(path): \(titles.error ?? "")")
        #expect(titles.entries.contains { $0.contains(Hostile.script) }, "the hostile title is in the feed as text")
        for title in titles.entries where title.contains("\u{202E}") {
            #expect(title.hasPrefix("\u{2068}") && title.hasSuffix("\u{2069}"), "the override is isolated")
        }
    }

    @Test func feedsParseWithARealFeedParser() async throws {
        guard let python = await FeedParser.python() else {
            print("skipped: feedparser is not installed (scripts/check/web-a11y sets up .build/web-venv, or set AGORA_WEB_PYTHON)")
            return
        }
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        for path in ["/feeds/atom", "/feeds/atom?city=sofia", "/feeds/atom?theme=access"] {
            let feed = await web.get(path)
            let result = await ChildProcess.run(python, ["-c", FeedParser.script], input: feed.body, timeout: .seconds(60))
            #expect(result.status == 0, "\(path): \(result.error)")
            let report = (try? CanonicalJSON.decode(result.stdout)) ?? .null
            #expect(report["bozo"]?.boolValue == false, "\(path): \(result.output)")
            #expect((report["entries"]?.numberValue ?? 0) >= 1, "\(path): \(result.output)")
            if path == "/feeds/atom" {
                let titles = report["titles"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(titles.contains { $0.contains(Hostile.script) })
                #expect(report["links"]?.arrayValue?.allSatisfy { $0.stringValue?.hasPrefix("https://catalog.example/records/") == true } == true)
            }
        }
    }
}

/// The entry titles of an Atom document, read with Foundation's XML parser.
final class AtomTitles: NSObject, XMLParserDelegate {
    var entries: [String] = []
    var error: String?
    private var inEntry = false, inTitle = false, current = ""

    static func parse(_ bytes: [UInt8]) -> AtomTitles {
        let reader = AtomTitles()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        if !parser.parse() { reader.error = parser.parserError.map { "\($0)" } ?? "parse failed" }
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "entry" { inEntry = true }
        if name == "title" && inEntry { inTitle = true; current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { current += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" && inTitle { entries.append(current); inTitle = false }
        if name == "entry" { inEntry = false }
    }
}

/// feedparser (PyPI) in the venv the web checks make, or `AGORA_WEB_PYTHON`.
enum FeedParser {
    static let script = """
        import sys, json, feedparser
        d = feedparser.parse(sys.stdin.buffer.read())
        print(json.dumps({"bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "entries": len(d.entries),
                          "titles": [e.title for e in d.entries], "links": [e.link for e in d.entries]}))
        """

    static func python() async -> String? {
        let environment = ProcessInfo.processInfo.environment["AGORA_WEB_PYTHON"]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let candidates = [environment, root + "/.build/web-venv/bin/python3"].compactMap { $0 }
        guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let probe = await ChildProcess.run(python, ["-c", "import feedparser"], timeout: .seconds(30))
        return probe.status == 0 ? python : nil
    }
}
