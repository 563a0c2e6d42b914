import Foundation
import Testing
@testable import AgoraNode

/// The admin token file: made once with mode 0600, reused, refused when others can read it.
@Suite("Admin token")
struct ServeAdminTokenTests {
    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "agora-token-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func isMadeOwnerOnlyAndKeptAcrossStarts() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try AdminToken.loadOrCreate(in: dir)
        #expect(first.count == AdminToken.byteCount * 2)
        var info = stat()
        #expect(stat(dir + "/" + AdminToken.fileName, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try AdminToken.loadOrCreate(in: dir) == first)
        let other = try directory()
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(try AdminToken.loadOrCreate(in: other) != first)
    }

    @Test func aTokenOthersCanReadOrAMalformedOneIsRefused() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + AdminToken.fileName
        _ = try AdminToken.loadOrCreate(in: dir)
        chmod(path, 0o644)
        #expect(throws: ServeError.self) { try AdminToken.loadOrCreate(in: dir) }
        try "short\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        #expect(throws: ServeError.self) { try AdminToken.loadOrCreate(in: dir) }
    }
}
