import Foundation
import Testing
import AgoraTesting
@testable import AgoraCore

/// The demo catalog in `nodes/` is written to `protocol/RECORDS.md`: every record must parse.
@Suite struct CatalogDocumentTests {
    static func recordFiles() -> [URL] {
        let nodes = ExternalVectors.projectRoot.appendingPathComponent("nodes")
        guard let walker = FileManager.default.enumerator(at: nodes, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "json" && $0.deletingLastPathComponent().lastPathComponent == "catalog" }
            .sorted { $0.path < $1.path }
    }

    @Test func everyCatalogRecordIsAValidRecordDocument() throws {
        let files = CatalogDocumentTests.recordFiles()
        #expect(files.count >= 30)
        for file in files {
            do { _ = try RecordDocument.parse(Array(try Data(contentsOf: file))) } catch {
                Issue.record("\(file.lastPathComponent): \(error)")
            }
        }
    }

    @Test func everyCatalogAdoptionIsAValidAdoptionBody() throws {
        let nodes = ExternalVectors.projectRoot.appendingPathComponent("nodes")
        var count = 0
        for city in try FileManager.default.contentsOfDirectory(atPath: nodes.path).sorted() {
            let url = nodes.appendingPathComponent(city).appendingPathComponent("adoptions.json")
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            for item in try CanonicalJSON.decode(Array(data)).arrayValue ?? [] {
                guard case .object(var body) = item, let target = body.removeValue(forKey: "record")?.stringValue,
                      let record = RecordID(target) else { Issue.record("\(city): adoption without a record id"); continue }
                let op = Operation.contribute(entry: "adoption", language: nil, body: "")
                #expect(throws: Never.self) { try op.validateBody(.object(body), record: record, author: city, path: "\(city)") }
                count += 1
            }
        }
        #expect(count > 0)
    }
}
