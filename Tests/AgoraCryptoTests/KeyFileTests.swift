import Foundation
import Testing
import AgoraCrypto

@Suite struct KeyFileTests {
    func mode(of path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    func error(_ body: () throws -> Void) -> CryptoError? {
        do {
            try body()
            return nil
        } catch {
            return error as? CryptoError
        }
    }

    @Test func writesMode0600AndReadsTheSameKeyBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try Ed25519.PrivateKey.generate()
        let path = directory.path("city.key")
        try KeyFile.write(key, to: path)
        #expect(try mode(of: path) == 0o600)
        let read = try KeyFile.readEd25519PrivateKey(at: path)
        #expect(read.seed == key.seed)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["city.key"])
    }

    @Test func opensslReadsTheKeyAndDerivesTheSamePublicKey() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try Ed25519.PrivateKey.generate()
        try KeyFile.write(key, to: directory.path("key.pem"))
        guard let der = try await OpenSSLCLI.run("openssl pkey -in key.pem -pubout -outform DER", in: directory.url) else { return }
        #expect(Array(der.suffix(32)) == key.publicKey.rawRepresentation)
        #expect(der.count == 44)
    }

    @Test func readsAKeyThatOpenSSLGenerated() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pipeline = "umask 077 && openssl genpkey -algorithm ed25519 -out key.pem"
            + " && openssl pkey -in key.pem -pubout -outform DER | tail -c 32 | od -An -tx1 | tr -d ' \\n'"
        guard let data = try await OpenSSLCLI.run(pipeline, in: directory.url) else { return }
        let key = try KeyFile.readEd25519PrivateKey(at: directory.path("key.pem"))
        #expect(hex(key.publicKey.rawRepresentation) == String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o606])
    func refusesAFileOthersCanRead(_ permissions: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("city.key")
        try KeyFile.write(Ed25519.PrivateKey.generate(), to: path)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        let failure = error { _ = try KeyFile.readEd25519PrivateKey(at: path) }
        #expect(failure?.code == .insecureFileMode)
        let text = failure?.description ?? ""
        #expect(text.contains(path))
        #expect(text.contains("0" + String(permissions, radix: 8)))
        #expect(text.contains("chmod 600 \(path)"))
    }

    @Test func acceptsAReadOnlyOwnerFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("city.key")
        let key = try Ed25519.PrivateKey.generate()
        try KeyFile.write(key, to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        #expect(try KeyFile.readEd25519PrivateKey(at: path).publicKey == key.publicKey)
    }

    @Test func neverOverwritesUnlessAskedAndThenLeaves0600() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("city.key")
        let first = try Ed25519.PrivateKey.generate(), second = try Ed25519.PrivateKey.generate()
        try KeyFile.write(first, to: path)
        #expect(error { try KeyFile.write(second, to: path) }?.code == .fileError)
        #expect(try KeyFile.readEd25519PrivateKey(at: path).seed == first.seed)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try KeyFile.write(second, to: path, replacing: true)
        #expect(try mode(of: path) == 0o600)
        #expect(try KeyFile.readEd25519PrivateKey(at: path).seed == second.seed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["city.key"])
    }

    @Test func namesTheFileWhenItIsMissingTooLargeOrNotAKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.path("missing.key")
        #expect(error { _ = try KeyFile.readPEM(at: missing) }?.description.contains(missing) == true)
        let large = directory.path("large.key")
        try KeyFile.write(pem: String(repeating: "A", count: KeyFile.maximumByteCount + 1), to: large)
        #expect(error { _ = try KeyFile.readPEM(at: large) }?.code == .fileError)
        let limit = directory.path("limit.key")
        try KeyFile.write(pem: String(repeating: "A", count: KeyFile.maximumByteCount), to: limit)
        #expect(try KeyFile.readPEM(at: limit).count == KeyFile.maximumByteCount)
        #expect(error { _ = try KeyFile.readEd25519PrivateKey(at: limit) }?.code == .invalidKey)
        #expect(error { _ = try KeyFile.readPEM(at: directory.url.path) }?.code != nil)
    }

    @Test func refusesASymbolicLinkInPlaceOfAKeyEvenToAValidKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let real = directory.path("elsewhere.key")
        let key = try Ed25519.PrivateKey.generate()
        try KeyFile.write(key, to: real)
        let before = try Data(contentsOf: URL(fileURLWithPath: real))
        let planted = directory.path("city.key")
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: real)
        let refusal = error { _ = try KeyFile.readEd25519PrivateKey(at: planted) }
        #expect(refusal?.code == .fileError)
        #expect(refusal?.description.contains("key file \(planted) is a symbolic link") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: real)) == before)
    }

    @Test func tlsKeysUseTheSameFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let identity = try TLSIdentity.generate(commonName: "node", subjectAltNames: ["localhost"], validDays: 1)
        let path = directory.path("tls.key")
        try KeyFile.write(pem: identity.privateKeyPEM, to: path)
        #expect(try mode(of: path) == 0o600)
        let again = try TLSIdentity(certificatePEM: identity.certificatePEM, privateKeyPEM: KeyFile.readPEM(at: path))
        #expect(again.spkiPin == identity.spkiPin)
    }
}
