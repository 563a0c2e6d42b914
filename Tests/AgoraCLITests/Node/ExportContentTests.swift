import AgoraCore
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// What the exports, search and city lists hold (issue 16.6). `nodes/tirana` adopts two coalition
/// records, which a Tirana-only node knows only through those adoptions: records without content.
@Suite struct ExportContentTests {
    static let contentLess = ["coalition/toolkit/mainstreaming-human-rights-guide", "coalition/practice/city-to-city-collaboration"]

    /// A node made from `nodes/tirana` in a fresh directory, or nil when the demo folder is absent.
    func tiranaNode(_ label: String = #function) async throws -> URL? {
        let seed = NodeFixture.seedFolder("tirana")
        guard FileManager.default.fileExists(atPath: seed.appendingPathComponent("city.json").path) else { return nil }
        let directory = try makeTemporaryDirectory(label)
        let result = await runTool(["init", "--from", seed.path, "--dir", "node"], directory: directory)
        #expect(result.code == .success, "\(result.err)")
        return directory
    }

    @Test func recordsWithoutContentAreLeftOutOfSearchAndEveryExport() async throws {
        guard let directory = try await tiranaNode() else { return }
        let shown = await runTool(["show", Self.contentLess[0], "--dir", "node"], directory: directory)
        #expect(shown.code == .success, "the adoption is kept: \(shown.err)")
        let search = await runTool(["search", "", "--json", "--dir", "node"], directory: directory)
        let result = try CanonicalJSON.decode(Array(search.outData))
        #expect(result["total"]?.numberValue == 5)
        #expect(result["facets"]?["city"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == ["tirana"])
        let csv = await runTool(["export", "--format", "csv", "--dir", "node"], directory: directory)
        #expect(csv.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 5)
        let dcat = await runTool(["export", "--format", "dcat", "--dir", "node"], directory: directory)
        let datasets = try CanonicalJSON.decode(Array(dcat.outData))["dcat:dataset"]?.arrayValue ?? []
        #expect(datasets.count == 5)
        #expect(datasets.allSatisfy { $0["dct:title"]?.arrayValue?.isEmpty == false })
        for id in Self.contentLess {
            #expect(!search.out.contains(id) && !csv.out.contains(id) && !dcat.out.contains("records/\(id)\""))
        }
    }

    @Test func theDCATExportConformsToTheDCATAP3Shapes() async throws {
        guard let shapes = try ExternalVectors.url("dcat-ap-3.0.0/dcat-ap-SHACL.ttl"),
              let directory = try await tiranaNode() else { return }
        let catalog = directory.appendingPathComponent("catalog.jsonld").path
        let export = await runTool(["export", "--format", "dcat", "-o", catalog, "--dir", "node"], directory: directory)
        #expect(export.code == .success, "\(export.err)")
        let script = ExternalVectors.projectRoot.appendingPathComponent("scripts/check/dcat-ap").path
        let check = await ChildProcess.run("/bin/bash", [script, catalog], environment: ["AGORA_DCAT_SHAPES": shapes.path])
        if check.status == 77 {
            let required = ProcessInfo.processInfo.environment[ExternalVectors.requireVariable] == "1"
            #expect(!required, "the DCAT-AP check is required (\(ExternalVectors.requireVariable)=1) but skipped: \(check.error)")
            FileHandle.standardError.write(Data(check.error.utf8))
            return
        }
        #expect(check.status == 0, "\(check.output)\n\(check.error)")
    }
}
