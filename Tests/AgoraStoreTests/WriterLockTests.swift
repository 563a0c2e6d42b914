import Foundation
import Testing
@testable import AgoraStore

@Suite struct WriterLockTests {
    @Test func secondWriterIsRefusedNamingTheHolderPID() async throws {
        let dir = Fixtures.directory()
        let first = try Fixtures.store(in: dir)
        #expect(WriterLock.holder(directory: dir) == getpid())
        #expect {
            try Fixtures.store(in: dir)
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .locked && error!.message.contains("process \(getpid())")
        }
        let reader = try Fixtures.store(in: dir, access: .readOnly)
        #expect(try await reader.counts().changes == 0)
        await reader.close()
        await first.close()
        #expect(WriterLock.holder(directory: dir) == nil)
        let again = try Fixtures.store(in: dir)
        await again.close()
    }

    @Test func readOnlyStoreRefusesWrites() async throws {
        let dir = Fixtures.directory()
        await (try Fixtures.store(in: dir)).close()
        let reader = try Fixtures.store(in: dir, access: .readOnly)
        await #expect {
            try await reader.ingest([Fixtures.record("tirana/practice/x", title: ["en": "X"])])
        } throws: { ($0 as? StoreError)?.code == .closed }
        await reader.close()
    }

    /// A server's shutdown closes its store, and so may the code that opened it: the second
    /// close must return (it used to wait forever on the writer's stopped thread).
    @Test func closingTwiceReturnsAndLeavesTheLockReleased() async throws {
        let dir = Fixtures.directory()
        let store = try Fixtures.store(in: dir)
        await store.close()
        await store.close()
        #expect(WriterLock.holder(directory: dir) == nil)
        let again = try Fixtures.store(in: dir)
        #expect(try await again.counts().changes == 0)
        await again.close()
    }
}
