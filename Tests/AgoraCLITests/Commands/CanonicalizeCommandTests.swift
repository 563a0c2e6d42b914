import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

@Suite struct CanonicalizeCommandTests {
    @Test func writesCanonicalBytesWithoutANewline() async {
        let result = await runTool(["protocol", "canonicalize"], input: #"{"b": [1E2, 2.50], "a": "\u00e9"}"#)
        #expect(result.code == .success)
        #expect(result.out == #"{"a":"é","b":[100,2.5]}"#)
        #expect(result.err.isEmpty)
    }

    @Test func refusesBadInputWithTheByteOffset() async {
        let result = await runTool(["protocol", "canonicalize"], input: #"{"a":1,"a":2}"#)
        #expect(result.code == .failure)
        #expect(result.out.isEmpty)
        #expect(result.err.hasPrefix("agora: error: <stdin>: invalid JSON at byte 7:"))
        #expect(result.err.contains("[duplicateKey]"))
        let trailing = await runTool(["protocol", "canonicalize"], input: "[1] x")
        #expect(trailing.err.contains("at byte 4"))
    }

    @Test func readsAFileAndNamesAMissingOne() async throws {
        let directory = try makeTemporaryDirectory()
        try Data(#"{"z":null,"y":true}"#.utf8).write(to: directory.appendingPathComponent("doc.json"))
        let result = await runTool(["protocol", "canonicalize", "doc.json"], directory: directory)
        #expect(result.out == #"{"y":true,"z":null}"#)
        let missing = await runTool(["protocol", "canonicalize", "nope.json"], directory: directory)
        #expect(missing.code == .environment)
        #expect(missing.err == "agora: error: nope.json: no such file\n")
    }

    @Test func everyJCSVectorInProcess() async throws {
        guard let inputs = try ExternalVectors.url("jcs/input"), let outputs = try ExternalVectors.url("jcs/output") else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: inputs.path).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let input = try Data(contentsOf: inputs.appendingPathComponent(name))
            let expected = try Data(contentsOf: outputs.appendingPathComponent(name))
            let result = await runTool(["protocol", "canonicalize"], stdin: input)
            #expect(result.code == .success, "\(name): \(result.err)")
            #expect(result.outData == expected, "\(name)")
        }
    }

    @Test func jcsVectorsThroughTheBuiltBinary() throws {
        guard let binary = BuiltBinary.url,
              let inputs = try ExternalVectors.url("jcs/input"), let outputs = try ExternalVectors.url("jcs/output") else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: inputs.path).sorted() {
            let input = try Data(contentsOf: inputs.appendingPathComponent(name))
            let run = try BuiltBinary.run(binary, ["protocol", "canonicalize"], input: input)
            #expect(run.status == 0, "\(name): \(run.err)")
            #expect(run.out == (try Data(contentsOf: outputs.appendingPathComponent(name))), "\(name)")
        }
        let bad = try BuiltBinary.run(binary, ["protocol", "canonicalize"], input: Data([0x22, 0xFF, 0x22]))
        #expect(bad.status == 1)
        #expect(bad.err.contains("at byte 1"))
    }
}
