import Foundation
import Testing
@testable import AgoraCLI

@Suite struct KeysCommandTests {
    @Test func generateWritesA0600KeyAndShowPrintsTheSamePublicKey() async throws {
        let directory = try makeTemporaryDirectory()
        let generated = await runTool(["keys", "generate", "--out", "city.key"], directory: directory)
        #expect(generated.code == .success, "\(generated.err)")
        #expect(generated.out.hasPrefix("wrote city.key (mode 0600)\npublic key:  "))
        let path = directory.appendingPathComponent("city.key").path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let shown = await runTool(["keys", "show", "city.key"], directory: directory)
        #expect(shown.code == .success)
        #expect(generated.out.hasSuffix(shown.out))
        #expect(shown.out.contains("fingerprint: SHA256:"))
    }

    @Test func generateRefusesToOverwrite() async throws {
        let directory = try makeTemporaryDirectory()
        _ = await runTool(["keys", "generate", "-o", "k"], directory: directory)
        let before = try Data(contentsOf: directory.appendingPathComponent("k"))
        let again = await runTool(["keys", "generate", "-o", "k"], directory: directory)
        #expect(again.code == .environment)
        #expect(again.err.contains("k: already exists; refusing to overwrite"))
        #expect(try Data(contentsOf: directory.appendingPathComponent("k")) == before)
    }

    @Test func showRefusesAWorldReadableKeyWithTheFix() async throws {
        let directory = try makeTemporaryDirectory()
        _ = await runTool(["keys", "generate", "-o", "k"], directory: directory)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory.appendingPathComponent("k").path)
        let shown = await runTool(["keys", "show", "k"], directory: directory)
        #expect(shown.code == .environment)
        #expect(shown.err.contains("chmod 600"))
        #expect(shown.out.isEmpty)
    }

    @Test func showJSONAndMissingFile() async throws {
        let directory = try makeTemporaryDirectory()
        _ = await runTool(["keys", "generate", "-o", "k"], directory: directory)
        let json = await runTool(["keys", "show", "k", "--json"], directory: directory)
        #expect(json.out.hasPrefix(#"{"file":"k","publicKey":""#))
        #expect(json.out.count > 64 + 30)
        let missing = await runTool(["keys", "show", "nope"], directory: directory)
        #expect(missing.code == .environment)
        #expect(missing.err == "agora: error: nope: no such file\n")
    }
}

@Suite struct TLSCommandTests {
    @Test func certWritesBothFilesAndPrintsTheCurlPin() async throws {
        let directory = try makeTemporaryDirectory()
        let result = await runTool(["tls", "cert", "--out-cert", "c.pem", "--out-key", "k.pem", "--name", "node.tirana.example",
                                    "--san", "node.tirana.example", "--san", "127.0.0.1"], directory: directory)
        #expect(result.code == .success, "\(result.err)")
        let pin = result.out.split(separator: "\n").last.map(String.init) ?? ""
        #expect(pin.hasPrefix("pin: sha256//"))
        #expect(pin.count == "pin: sha256//".count + 44)
        let cert = try String(contentsOf: directory.appendingPathComponent("c.pem"), encoding: .utf8)
        #expect(cert.hasPrefix("-----BEGIN CERTIFICATE-----"))
        let mode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("k.pem").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func certRequiresBothOutputsAndSaneDays() async throws {
        let directory = try makeTemporaryDirectory()
        let missing = await runTool(["tls", "cert", "--out-key", "k.pem"], directory: directory)
        #expect(missing.code == .usage)
        #expect(missing.err.contains("missing --out-cert FILE"))
        let days = await runTool(["tls", "cert", "--out-cert", "c", "--out-key", "k", "--days", "0"], directory: directory)
        #expect(days.code == .usage)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("k").path))
    }

    @Test func certJSONNamesThePinAndTheNames() async throws {
        let directory = try makeTemporaryDirectory()
        let result = await runTool(["tls", "cert", "--out-cert", "c", "--out-key", "k", "--json"], directory: directory)
        #expect(result.out.contains(#""pin":"sha256//"#))
        #expect(result.out.contains(#""subjectAltNames":["localhost","127.0.0.1","::1"]"#))
    }
}
