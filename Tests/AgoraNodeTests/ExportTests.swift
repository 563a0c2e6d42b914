import Foundation
import Testing
import AgoraCore
import AgoraStore
@testable import AgoraNode

/// Export writers: JSON Lines of signed changes, CSV of records, DCAT-AP 3 JSON-LD.
@Suite struct ExportTests {
    static func state(_ id: String, title: [String: String], summary: [String: String], deleted: Bool = false,
                      extra: [String: JSONValue] = [:]) -> RecordView {
        let parts = id.split(separator: "/").map(String.init)
        var fields: [String: JSONValue] = [
            "title": .object(title.mapValues(JSONValue.string)), "summary": .object(summary.mapValues(JSONValue.string)),
            "country": .string("AL"), "stage": .string("implementation"), "startDate": .string("2021-03"),
            "originalLanguage": .string(title.keys.sorted().first { $0 != "en" } ?? "en"),
            "sources": .array([.object(["title": .string("Seed 000"), "seed": .string("000_2e1bd90ac9c359db")])]),
            "contact": .string("opendata@tirana.example"),
        ]
        fields.merge(extra) { _, new in new }
        return RecordView(state: .object([
            "record": .string(id), "kind": .string(parts[1]), "owner": .string(parts[0]), "deleted": .bool(deleted),
            "fields": .object(fields),
            "sets": .object(["themes": .object(["transparency/open-data": .array([.string("t1")])]),
                             "tags": .object(["open data": .array([]), "=cmd|' /C calc'!A0": .array([])])]),
            "contributions": .object(["sofia": .object(["adoption": .object(["year": .number(2023)])])]),
        ]))
    }

    static let records = [
        state("tirana/practice/open-data-portal", title: ["sq": "Portali i të dhënave të hapura", "en": "Open data portal"],
              summary: ["sq": "Bashkia publikon, \"hapur\"\nçdo vit.", "en": "=HYPERLINK(\"http://evil.example\")"]),
        state("sofia/pilot/rights", title: ["bg": "+Цифрови права", "en": "-Digital rights"],
              summary: ["bg": "@Пилот", "en": "\tTabbed\r\nand CRLF"], extra: ["adaptedFrom": .string("tirana/practice/open-data-portal")]),
        state("dublin/toolkit/gone", title: ["en": "Deleted"], summary: ["en": "x"], deleted: true),
    ]

    @Test func jsonLinesAreCanonicalWireForm() throws {
        let header = Array("{\"coalition\":\"ccdr\",\"record\":\"tirana/practice/x\"}".utf8)
        let change = StoredChange(id: Array(repeating: 1, count: 32), recordID: "tirana/practice/x", hlcMilliseconds: 1,
                                  hlcCounter: 0, authorCity: "tirana", header: header, signature: Array(repeating: 0xAB, count: 64),
                                  bodies: Array("{\"00ff\":{\"en\":\"Tiranë\"}}".utf8))
        let line = JSONLinesExport.line(for: change)
        let parsed = try CanonicalJSON.decode(line)
        #expect(CanonicalJSON.encode(parsed) == line)
        #expect(parsed["signature"]?.stringValue == String(repeating: "ab", count: 64))
        #expect(parsed["bodies"]?["00ff"]?["en"]?.stringValue == "Tiranë")
        var erased = change
        erased.bodies = nil
        #expect(try CanonicalJSON.decode(JSONLinesExport.line(for: erased))["bodies"] == .object([:]))
        #expect(JSONLinesExport.lineWithNewline(for: change).last == 0x0A)
    }

    @Test func csvCellsAreFormulaSafeAndRoundTripThroughPythonsCSVModule() async throws {
        let csv = CSVExport.headerRow + Self.records.compactMap(CSVExport.row(for:)).joined()
        #expect(CSVExport.formulaSafe("=1+1") == "'=1+1")
        #expect(CSVExport.formulaSafe("Tiranë") == "Tiranë")
        #expect(CSVExport.quoted("a,b") == "\"a,b\"")
        guard let rows = try await Self.parseWithPython(csv) else { return }
        #expect(rows.count == 3)  // header + two live records; the deleted one is left out
        #expect(rows[0] == CSVExport.columns)
        let column = { (name: String, row: Int) in rows[row][CSVExport.columns.firstIndex(of: name)!] }
        #expect(column("id", 1) == "tirana/practice/open-data-portal")
        #expect(column("title", 1) == "Portali i të dhënave të hapura")
        #expect(column("summary", 1) == "Bashkia publikon, \"hapur\"\nçdo vit.")
        #expect(column("summary_en", 1) == "'=HYPERLINK(\"http://evil.example\")")
        #expect(column("tags", 1) == "'=cmd|' /C calc'!A0; open data")
        #expect(column("title", 2) == "'+Цифрови права")
        #expect(column("title_en", 2) == "'-Digital rights")
        #expect(column("summary", 2) == "'@Пилот")
        #expect(column("summary_en", 2) == "'\tTabbed\r\nand CRLF")
        #expect(column("adapted_from", 2) == "tirana/practice/open-data-portal")
        #expect(column("adopted_by", 1) == "sofia")
        for row in rows.dropFirst() {
            for cell in row { #expect(!(cell.first.map(CSVExport.formulaTriggers.contains) ?? false), "\(cell)") }
        }
    }

    @Test func dcatCatalogHasADatasetPerLiveRecordWithLanguageTaggedLiterals() async throws {
        let export = DCATExport(baseURL: "https://agora.tirana.example/", title: ["en": "Tirana catalog", "sq": "Katalogu"],
                                description: ["en": "Practices"], publisher: ("tirana", "Tirana"))
        let bytes = CanonicalJSON.encode(export.catalog(Self.records))
        let doc = try CanonicalJSON.decode(bytes)
        #expect(doc["@type"]?.stringValue == "dcat:Catalog")
        #expect(doc["@context"]?["dcat"]?.stringValue == "http://www.w3.org/ns/dcat#")
        let datasets = try #require(doc["dcat:dataset"]?.arrayValue)
        #expect(datasets.count == 2)
        let first = datasets[0]
        #expect(first["@id"]?.stringValue == "https://agora.tirana.example/records/tirana/practice/open-data-portal")
        #expect(first["dct:title"] == .array([
            .object(["@value": .string("Open data portal"), "@language": .string("en")]),
            .object(["@value": .string("Portali i të dhënave të hapura"), "@language": .string("sq")]),
        ]))
        #expect(first["dct:language"]?.arrayValue?.compactMap { $0["@id"]?.stringValue } == [
            "http://publications.europa.eu/resource/authority/language/ENG",
            "http://publications.europa.eu/resource/authority/language/SQI",
        ])
        #expect(first["dct:temporal"]?["dcat:startDate"] == .object(["@value": .string("2021-03"), "@type": .string("xsd:gYearMonth")]))
        #expect(first["dcat:theme"]?.arrayValue?.first?["@id"]?.stringValue == "https://agora.tirana.example/taxonomy#transparency/open-data")
        #expect(first["dcat:distribution"]?.arrayValue?.first?["dct:license"]?["@id"]?.stringValue
                == "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
        #expect(first["dcat:contactPoint"]?["vcard:hasEmail"]?["@id"]?.stringValue == "mailto:opendata@tirana.example")
        #expect(datasets[1]["dct:relation"]?["@id"]?.stringValue == "https://agora.tirana.example/records/tirana/practice/open-data-portal")
        if let python = try await Self.python(["-c", "import json,sys; d=json.load(sys.stdin); print(len(d['dcat:dataset']))"], input: bytes) {
            #expect(python.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        }
    }

    /// Parses CSV with Python's csv module; nil (skip) when python3 is absent.
    static func parseWithPython(_ csv: String) async throws -> [[String]]? {
        let script = "import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.buffer.read().decode('utf-8'), newline='')))))"
        guard let output = try await python(["-c", script], input: Array(csv.utf8)) else { return nil }
        return try JSONDecoder().decode([[String]].self, from: Data(output.utf8))
    }

    /// Runs python3 on a dispatch thread (never blocking the cooperative pool); nil when absent.
    static func python(_ arguments: [String], input: [UInt8]) async throws -> String? {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try pythonBlocking(arguments, input: input) })
            }
        }
    }

    static func pythonBlocking(_ arguments: [String], input: [UInt8]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus != 127 else {
            FileHandle.standardError.write(Data("SKIP: python3 not found; output not checked by an outside parser\n".utf8))
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }
}
