import Foundation
import Testing
@testable import AgoraStore

@Suite struct ErasureTests {
    /// A clearly fake personal address, standing in for the two in seed 002.
    static let address = "ana.example@mail.invalid"

    func fileBytes(_ dir: String) -> [(String, Data)] {
        ["agora.db", "agora.db-wal", "agora.db-shm"].compactMap { name in
            (try? Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)"))).map { (name, $0) }
        }
    }

    @Test func redactionErasesTextFromTheWholeDatabaseFile() async throws {
        let dir = Fixtures.directory()
        let store = try Fixtures.store(in: dir)
        let id = "tirana/practice/open-data-portal"
        let record = Fixtures.record(id, title: ["sq": "Portali i të dhënave", "en": "Open data portal"])
        let leak = Fixtures.change(id, ["description": ["en": "Write to \(Self.address) for the datasets."]], hlc: 2_000)
        _ = try await store.ingest([record])
        _ = try await store.ingest([leak])
        for n in 0..<40 {  // more traffic so the text sits in several pages, segments and WAL frames
            _ = try await store.ingest([Fixtures.change(id, ["tags": ["t\(n)"]], hlc: 3_000 + Int64(n))])
        }
        #expect(try await store.search(SearchQuery(text: "ana.example")).total == 1)
        let needle = Data(Self.address.utf8)
        #expect(fileBytes(dir).contains { $0.1.range(of: needle) != nil })

        let redaction = Fixtures.change(id, [:], hlc: 9_000, redacts: [leak.id])
        let report = try await store.ingest([redaction])
        #expect(report.erasedChanges == 1 && report.walTruncated)
        #expect(try await store.search(SearchQuery(text: "ana.example")).total == 0)
        #expect(try await store.change(leak.id)?.isErased == true)
        #expect(try await store.record(id)?.contains("mail.invalid") == false)
        for (name, bytes) in fileBytes(dir) {
            #expect(bytes.range(of: needle) == nil, "\(name) still holds the erased address")
            #expect(bytes.range(of: Data("mail.invalid".utf8)) == nil, "\(name) still holds part of it")
        }
        await store.close()
        for (name, bytes) in fileBytes(dir) { #expect(bytes.range(of: needle) == nil, "\(name) after close") }
    }

    @Test func fullDiskRollsBackTheWholeBatchAndTheStoreStaysUsable() async throws {
        let dir = Fixtures.directory()
        let store = try Fixtures.store(in: dir)
        _ = try await store.ingest([Fixtures.record("dublin/practice/base", title: ["en": "Base"])])
        let states = try await store.allStates()
        let writer = try #require(store.writer)
        try await writer.withConnection { db in
            let pages = try db.integer("PRAGMA page_count")
            try db.execute("PRAGMA max_page_count = \(pages + 2)")
        }
        let text = String(repeating: "Dublin digital inclusion programme for every library. ", count: 40)
        let batch = (0..<200).map { Fixtures.record("dublin/practice/p\($0)", title: ["en": "P\($0)"], summary: ["en": text]) }
        await #expect {
            try await store.ingest(batch)
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .diskFull && error!.message.contains("nothing was written")
        }
        #expect(try await store.counts() == (changes: 1, records: 1))
        #expect(try await store.allStates().map(\.state) == states.map(\.state))
        #expect(try await store.integrityProblems().isEmpty)
        try await writer.withConnection { db in try db.execute("PRAGMA max_page_count = 1073741823") }
        #expect(try await store.ingest(batch).accepted == 200)
        await store.close()
    }
}

@Suite struct BackupTests {
    @Test func backupOpensAsTheSameCatalogAndNeverOverwrites() async throws {
        let dir = Fixtures.directory(), copyDir = Fixtures.directory()
        let store = try Fixtures.store(in: dir)
        _ = try await store.ingest((0..<20).map { Fixtures.record("sofia/practice/p\($0)", title: ["bg": "Практика \($0)"]) })
        try await store.backup(to: copyDir + "/agora.db")
        await #expect { try await store.backup(to: copyDir + "/agora.db") } throws: { ($0 as? StoreError)?.code == .notWritable }
        let copy = try Fixtures.store(in: copyDir)
        #expect(try await copy.allStates().map(\.state) == (try await store.allStates()).map(\.state))
        #expect(try await copy.search(SearchQuery(text: "практика")).total == 20)
        await copy.close()
        await store.close()
    }
}

@Suite struct ReadOnlyTests {
    /// Makes `path` unwritable: `chattr +i` as root (permissions do not bind root), else chmod.
    /// - Returns: how to undo it, or nil when this system cannot do it (the test then skips).
    func makeUnwritable(_ path: String, isDirectory: Bool) async -> (@Sendable () async -> Void)? {
        if geteuid() == 0 {
            guard await Self.run("/usr/bin/chattr", ["+i", path]) else {
                FileHandle.standardError.write(Data("SKIP: chattr +i failed; cannot make \(path) read-only as root\n".utf8))
                return nil
            }
            return { _ = await Self.run("/usr/bin/chattr", ["-i", path]) }
        }
        chmod(path, isDirectory ? 0o555 : 0o444)
        return { chmod(path, isDirectory ? 0o755 : 0o644) }
    }

    /// Runs a tool to completion on a dispatch thread (never blocking the cooperative pool).
    static func run(_ tool: String, _ arguments: [String]) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                guard FileManager.default.isExecutableFile(atPath: tool) else { return continuation.resume(returning: false) }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: tool)
                process.arguments = arguments
                process.standardError = FileHandle.nullDevice
                guard (try? process.run()) != nil else { return continuation.resume(returning: false) }
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus == 0)
            }
        }
    }

    func seeded() async throws -> (String, [String]) {
        let dir = Fixtures.directory()
        let store = try Fixtures.store(in: dir)
        _ = try await store.ingest([Fixtures.record("tirana/practice/base", title: ["sq": "Bazë"])])
        let states = try await store.allStates().map(\.state)
        await store.close()
        return (dir, states)
    }

    /// Opens the store and ingests one record; returns the error, if any.
    func attemptWrite(_ dir: String) async -> StoreError? {
        let store: Store
        do {
            store = try Fixtures.store(in: dir)
        } catch {
            return error as? StoreError
        }
        let result: StoreError?
        do {
            _ = try await store.ingest([Fixtures.record("tirana/practice/more", title: ["sq": "Më shumë"])])
            result = nil
        } catch {
            result = error
        }
        await store.close()
        return result
    }

    @Test(arguments: [false, true]) func unwritableFileOrDirectoryGivesAClearErrorAndLosesNothing(directory: Bool) async throws {
        let (dir, states) = try await seeded()
        let target = directory ? dir : dir + "/agora.db"
        guard let undo = await makeUnwritable(target, isDirectory: directory) else { return }
        let failure = await attemptWrite(dir)
        await undo()
        #expect(failure?.code == .notWritable, "\(String(describing: failure))")
        #expect(failure?.message.contains(dir) == true)
        let store = try Fixtures.store(in: dir)
        #expect(try await store.allStates().map(\.state) == states)
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()
    }
}
