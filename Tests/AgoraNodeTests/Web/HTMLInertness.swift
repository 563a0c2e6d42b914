import Foundation
@testable import AgoraNode

/// Checks that a page or feed shows hostile text as text: no element, attribute, script URL or
/// unisolated bidi override came out of the data.
enum HTMLInertness {
    /// Every element HTML may not close (void elements).
    static let voidElements: Set<String> = ["meta", "link", "input", "br", "img", "hr"]

    /// The problems found in `html`; empty when it is inert and its tags balance.
    static func problems(in html: String) -> [String] {
        var problems: [String] = []
        let lower = html.lowercased()
        if lower.contains("<script") { problems.append("a <script> element") }
        if lower.contains("<img") { problems.append("an <img> element") }
        if lower.contains("<entry") { problems.append("an <entry> element in HTML") }
        if lower.range(of: #"(href|src|action|formaction)\s*=\s*"\s*javascript:"#, options: .regularExpression) != nil {
            problems.append("a javascript: link")
        }
        if html.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) != nil { problems.append("an on… attribute") }
        if html.contains("style=") { problems.append("an inline style") }
        problems += balance(html)
        problems += isolation(html)
        return problems
    }

    /// Unbalanced tags: every non-void element opened is closed, in order.
    static func balance(_ html: String) -> [String] {
        var stack: [String] = []
        let pattern = try! NSRegularExpression(pattern: #"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>"#)
        let text = html as NSString
        for match in pattern.matches(in: html, range: NSRange(location: 0, length: text.length)) {
            let closing = text.substring(with: match.range(at: 1)) == "/"
            let name = text.substring(with: match.range(at: 2)).lowercased()
            if voidElements.contains(name) { continue }
            if !closing { stack.append(name); continue }
            guard stack.last == name else { return ["</\(name)> closes <\(stack.last ?? "nothing")>"] }
            stack.removeLast()
        }
        return stack.isEmpty ? [] : ["unclosed <\(stack.joined(separator: "> <"))>"]
    }

    /// Bidi overrides outside a `<bdi>` element (in the body; the title and attributes are not rendered as runs).
    static func isolation(_ html: String) -> [String] {
        guard let body = html.range(of: "<body>") else { return [] }
        var depth = 0
        var index = body.upperBound
        while index < html.endIndex {
            let rest = html[index...]
            if rest.hasPrefix("<bdi") { depth += 1 } else if rest.hasPrefix("</bdi>") { depth -= 1 }
            if let scalar = html[index].unicodeScalars.first, WebText.isBidiControl(scalar), depth == 0,
               !isInsideTag(html, at: index) {
                let start = html.index(index, offsetBy: -60, limitedBy: html.startIndex) ?? html.startIndex
                return ["a bidi control outside <bdi> near " + String(html[start..<index])]
            }
            index = html.index(after: index)
        }
        return []
    }

    /// Whether `index` is inside a tag's attributes (after a `<` with no `>` yet).
    static func isInsideTag(_ html: String, at index: String.Index) -> Bool {
        let before = html[..<index]
        guard let open = before.lastIndex(of: "<") else { return false }
        return before[open...].firstIndex(of: ">") == nil
    }
}
