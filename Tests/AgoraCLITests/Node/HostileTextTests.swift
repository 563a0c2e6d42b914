import AgoraCore
import AgoraStore
import AgoraTesting
import Foundation
import Testing
@testable import AgoraNode
@testable import AgoraCLI

/// Text from data never drives the operator's terminal (issue 16 item 4): `show`, `search` and
/// error messages escape control and bidirectional characters, even in data stored before the
/// protocol refused them.
@Suite struct HostileTextTests {
    static let fakeVerified = "\u{1B}[2K\r\u{1B}[31mFAKE: signature verified\u{1B}[0m"
    static let windowTitle = "\u{1B}]0;pwned\u{07}"

    /// Whether the bytes hold any C0 control but line feed, DEL, a C1 control or a bidi control.
    static func holdsControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            (s.value < 0x20 && s != "\n") || (0x7F...0x9F).contains(s.value) || TerminalText.bidirectionalControls.contains(s.value)
        }
    }

    /// A state as a node stored it before the character rule: hostile title, description and note.
    static func storedState() -> JSONValue {
        let title: JSONValue = .object(["en": .string(fakeVerified), "ar": .string("Free \u{202E}fdp.exe")])
        let description: JSONValue = .object(["en": .string("First\nprovenance: every signature verified" + windowTitle)])
        let note: JSONValue = .object(["bg": .string("Прието" + windowTitle)])
        let tags: JSONValue = .object(["a\u{9B}31m": .array([.string("0:0")])])
        return .object([
            "record": .string("tirana/practice/x"), "kind": .string("practice"), "owner": .string("tirana"), "deleted": .bool(false),
            "fields": .object(["title": title, "description": description]),
            "sets": .object(["tags": tags]),
            "contributions": .object(["sofia": .object(["adoption": .object(["note": note])])]),
        ])
    }

    @Test func showEscapesControlsAndBidiFromData() {
        let text = RecordRendering.text(RecordView(state: HostileTextTests.storedState()))
        #expect(!HostileTextTests.holdsControls(text), "\(text.debugDescription)")
        #expect(text.contains(#"title [en]: \u{1B}[2K\u{D}\u{1B}[31mFAKE: signature verified\u{1B}[0m"#))
        #expect(text.contains(#"title [ar]: Free \u{202E}fdp.exe"#))
        // A line feed of multi-line text indents what follows: data never starts a line.
        #expect(text.contains("description [en]: First\n    provenance: every signature verified\\u{1B}]0;pwned\\u{7}"))
        #expect(text.contains(#"tags: a\u{9B}31m"#))
    }

    @Test func tableCellsAndSnippetsAreEscaped() {
        var table = TextTable(header: ["ID", "TITLE"], uncut: [0])
        table.append(["tirana/practice/x", HostileTextTests.fakeVerified], detail: HostileTextTests.windowTitle + "«open» data")
        let text = table.render()
        #expect(!HostileTextTests.holdsControls(text))
        #expect(text.contains(#"\u{1B}]0;pwned\u{7}«open» data"#))
    }

    @Test func anErrorNamingAHostileFieldPathIsEscaped() async throws {
        let node = try await NodeFixture.make()
        try node.write("p.json", NodeFixture.practice(extra: "\n  \"\\u001b]0;pwned\\u0007\\u202e\": 1,"))
        let result = await node.run(["publish", "p.json"])
        #expect(result.code == .failure)
        #expect(result.err.contains(#"\u{1B}]0;pwned\u{7}\u{202E}: unknown field"#), "\(result.err)")
        #expect(!HostileTextTests.holdsControls(result.err))
    }

    @Test func aHostileTitleIsRefusedWithTheScalarItHolds() async throws {
        let node = try await NodeFixture.make()
        try node.write("p.json", NodeFixture.practice(titleEN: "\\u001b[2K\\r\\u001b[31mFAKE: signature verified\\u001b[0m"))
        let result = await node.run(["publish", "p.json"])
        #expect(result.code == .failure)
        #expect(result.err.contains("title.en: expected text without control characters (found U+001B)"), "\(result.err)")
        #expect(!HostileTextTests.holdsControls(result.err))
    }

    @Test func aHostileChangeStoredUnderTheOldRulesWritesNothingAndRebuildAgrees() async throws {
        let node = try await NodeFixture.make()
        try node.write("p.json", NodeFixture.practice())
        _ = await node.run(["publish", "p.json"])
        let id = "tirana/practice/open-data-portal"
        // What an older agora stored: a change today's verifier refuses, put into the log as trusted.
        let local = try LocalNode(directory: NodeDirectory(root: node.directory.appendingPathComponent("node")), writable: true)
        let key = try #require(local.signingKey)
        let op: JSONValue = .object(["op": .string("set"), "field": .string("title"), "lang": .string("en"),
                                     "value": .string(HostileTextTests.fakeVerified)])
        let wire = try UncheckedChange.wire([op],
                                            city: "tirana", key: key, record: try #require(RecordID(id)),
                                            hlc: HLCTimestamp(milliseconds: 1_790_000_000_000), crypto: TestKeys.crypto)
        let old = VerifiedChange(trusting: try SignedChange.parse(wire), crypto: TestKeys.crypto)
        _ = try await local.store.ingest([StoredChange(old)])
        await local.close()
        for step in ["before", "after"] {
            if step == "after" { #expect(await node.run(["rebuild"]).code == .success) }
            let shown = await node.run(["show", id, "--history"])
            #expect(shown.out.contains("title [en]: Open data portal"), "\(step): \(shown.out)")
            #expect(shown.out.contains("no effect: invalid-body"), "\(step)")
            #expect(!HostileTextTests.holdsControls(shown.out), "\(step)")
        }
    }
}
