import Foundation
import Testing
@testable import AgoraCLI

/// The node commands through the built binary: two processes, a pipe, the environment variable.
@Suite struct NodeBinaryTests {
    @Test func seedExportImportAndSearchAcrossTwoNodes() throws {
        guard let binary = BuiltBinary.url else { return }
        let seed = NodeFixture.seedFolder("sofia")
        guard FileManager.default.fileExists(atPath: seed.path) else { return }
        let directory = try makeTemporaryDirectory()
        let sofia = try BuiltBinary.run(binary, ["init", "--from", seed.path, "--dir", "sofia"], directory: directory)
        #expect(sofia.status == 0, "\(sofia.err)")
        let exported = try BuiltBinary.run(binary, ["export", "--dir", "sofia"], directory: directory)
        #expect(exported.status == 0, "\(exported.err)")
        let hub = try BuiltBinary.run(binary, ["init", "--city", "tirana", "--name", "Tirana"], environment: ["AGORA_DIR": "hub"], directory: directory)
        #expect(hub.status == 0, "\(hub.err)")
        let refused = try BuiltBinary.run(binary, ["import", "-"], input: exported.out, environment: ["AGORA_DIR": "hub"], directory: directory)
        #expect(refused.status == 4)
        #expect(refused.err.contains("unknown-key"))
        let key = String(decoding: try BuiltBinary.run(binary, ["keys", "list", "--json", "--dir", "sofia"], directory: directory).out, as: UTF8.self)
            .split(separator: "\"").drop { $0 != "key" }.dropFirst(2).first.map(String.init) ?? ""
        #expect(try BuiltBinary.run(binary, ["keys", "trust", "--city", "sofia", key, "--dir", "hub"], directory: directory).status == 0)
        let imported = try BuiltBinary.run(binary, ["import", "-", "--dir", "hub"], input: exported.out, directory: directory)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.err.hasPrefix("import: "))
        let found = try BuiltBinary.run(binary, ["search", "цифрови", "--dir", "hub", "--json"], directory: directory)
        #expect(String(decoding: found.out, as: UTF8.self).contains(#""city":"sofia""#))
    }
}
