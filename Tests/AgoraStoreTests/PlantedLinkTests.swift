import Foundation
import Testing
@testable import AgoraStore

/// A symbolic link (or a folder) planted where the node keeps its lock or database is refused with
/// a message that says why, and the file it points to is left exactly as it was (issue 16.5).
@Suite struct PlantedLinkTests {
    static let victimText = "a file of the operator's that a node must never write\n"

    /// A victim file outside the node directory and a link to it at `<dir>/<name>`.
    func plant(_ name: String, in dir: String) throws -> String {
        let victim = dir + "-victim.txt"
        try Self.victimText.write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/" + name, withDestinationPath: victim)
        return victim
    }

    func refusal(_ body: () throws -> Void) -> StoreError? {
        do { try body() } catch { return error as? StoreError }
        return nil
    }

    @Test(arguments: [WriterLock.fileName, "agora.db", "agora.db-wal", "agora.db-shm"])
    func aLinkInPlaceOfANodeFileIsRefusedAndItsTargetUntouched(_ name: String) throws {
        let dir = Fixtures.directory()
        let victim = try plant(name, in: dir)
        let error = refusal { _ = try Fixtures.store(in: dir) }
        #expect(error?.code == .notRegularFile)
        #expect(error?.message.contains("\(dir)/\(name)") == true)
        #expect(error?.message.contains("is a symbolic link (to \(victim))") == true)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == Self.victimText)
        #expect(WriterLock.holder(directory: dir) == nil)
    }

    @Test func theWriterLockRefusesAFolderInItsPlace() throws {
        let dir = Fixtures.directory()
        try FileManager.default.createDirectory(atPath: dir + "/" + WriterLock.fileName, withIntermediateDirectories: false)
        let error = refusal { _ = try WriterLock(directory: dir) }
        #expect(error?.code == .notRegularFile)
        #expect(error?.message.contains("is a folder, not a regular file") == true)
    }

    @Test func aPipeInPlaceOfTheConfigIsRefusedWithoutWaitingForAWriter() throws {
        let dir = Fixtures.directory()
        #expect(mkfifo(dir + "/node.json", 0o600) == 0)
        let error = refusal { _ = try RegularFile.read(dir + "/node.json", limit: 1024, what: "the node configuration") }
        #expect(error?.code == .notRegularFile)
        #expect(error?.message.contains("is not a regular file (a device, socket or pipe)") == true)
    }

    @Test func aNodeDirectoryReachedThroughALinkedFolderStillOpens() async throws {
        let dir = Fixtures.directory()
        let linked = dir + "-linked"
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: dir)
        let store = try Fixtures.store(in: linked)
        #expect(try await store.counts().changes == 0)
        await store.close()
        #expect(FileManager.default.fileExists(atPath: dir + "/agora.db"))
    }

    @Test func readingRefusesALinkAndAFileOverTheLimit() throws {
        let dir = Fixtures.directory()
        let victim = try plant("node.json", in: dir)
        let linked = refusal { _ = try RegularFile.read(dir + "/node.json", limit: 1024, what: "the node configuration") }
        #expect(linked?.code == .notRegularFile)
        #expect(linked?.message.contains("refusing the node configuration \(dir)/node.json: it is a symbolic link") == true)
        let large = refusal { _ = try RegularFile.read(victim, limit: 8, what: "the node configuration") }
        #expect(large?.code == .tooLarge)
        #expect(large?.message.contains("over the limit of 8 bytes") == true)
        #expect(try RegularFile.read(victim, limit: 1024, what: "x") == Array(Self.victimText.utf8))
    }
}
