import Foundation
import Testing
import AgoraCore
@testable import AgoraNode

/// No NUL or ESC reaches an export or a page, even from a state stored before the protocol
/// refused control characters (issue 16 item 4); bidirectional controls are isolated in HTML.
@Suite struct ExportControlCharacterTests {
    static let hostile = "\u{0}\u{1B}[2K\r\u{1B}[31mFAKE: signature verified\u{1B}[0m\u{9B}\u{7F}"

    static let record = ExportTests.state("tirana/practice/hostile", title: ["sq": hostile, "en": "\u{1B}]0;pwned\u{07}"],
                                          summary: ["sq": "Free \u{202E}fdp.exe", "en": "x"],
                                          extra: ["budget": .string("EUR\u{0}5")])

    static func holdsNULOrESC(_ bytes: [UInt8]) -> Bool { bytes.contains(0x00) || bytes.contains(0x1B) || bytes.contains(0x07) }

    @Test func csvCellsHoldNoControlCharacters() throws {
        let row = try #require(CSVExport.row(for: ExportControlCharacterTests.record))
        #expect(!ExportControlCharacterTests.holdsNULOrESC(Array(row.utf8)))
        #expect(!row.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
        #expect(row.contains("\u{FFFD}[2K"))
        #expect(CSVExport.withoutControls("a\tb\nc\r\nd") == "a\tb\nc\r\nd")
    }

    @Test func dcatAndJSONHoldNoRawControlCharacters() {
        let catalog = DCATExport(baseURL: "https://node.example", title: ["en": "Catalog"], description: ["en": "All"],
                                 publisher: (id: "tirana", name: "Tirana")).catalog([ExportControlCharacterTests.record])
        let bytes = Array(JSONWriter.pretty(catalog).utf8)
        #expect(!ExportControlCharacterTests.holdsNULOrESC(bytes))
        #expect(String(decoding: bytes, as: UTF8.self).contains(#"\u001b"#))
    }

    @Test func htmlReplacesControlsAndIsolatesBidirectionalText() {
        #expect(HTMLText.escape("a\u{0}b\u{1B}c\u{9B}d\ne") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\ne")
        #expect(HTMLText.isolated("Free \u{202E}fdp.exe <b>") == "<bdi>Free \u{202E}fdp.exe &lt;b&gt;</bdi>")
        #expect(HTMLText.markedSnippet("Free \u{202E}\u{2}fdp\u{3}.exe\u{1B}") == "<bdi>Free \u{202E}<mark>fdp</mark>.exe\u{FFFD}</bdi>")
        #expect(HTMLText.markedSnippet("") == "")
    }
}
