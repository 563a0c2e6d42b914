import Foundation
import Testing
import AgoraTesting
@testable import AgoraStore

/// Query limits (issue 16, item 3): a time limit on every read, a bounded wait for a reader, and
/// short words that do not expand into the whole index. Deterministic: a zero time limit and a
/// reader held by the test stand in for a slow query and a saturated pool.
@Suite struct QueryLimitTests {
    /// A catalog built to be expensive to search: 40 records of 300 distinct made-up words each.
    static func adversarial() async throws -> Store {
        let store = try Fixtures.store(in: Fixtures.directory())
        var random = SplitMix64(seed: 16)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let changes = (0..<40).map { index in
            let words = (0..<300).map { _ in String((0..<7).map { _ in letters[Int(random.next() % 26)] }) }
            return Fixtures.record("tirana/practice/noise-\(index)", title: ["en": "Noise \(index)"],
                                   summary: ["en": words.joined(separator: " ")], hlc: 1_000 + Int64(index))
        }
        _ = try await store.ingest(changes)
        return store
    }

    @Test func aQueryPastItsTimeLimitIsStoppedWithTimeout() async throws {
        let store = try await Self.adversarial()
        let tiny = QueryLimits(timeLimit: .zero, readerWait: nil, maximumWaitingReads: 16)
        await #expect(throws: StoreError.self) { _ = try await store.search(SearchQuery(text: "noise"), limits: tiny) }
        do {
            _ = try await store.search(SearchQuery(text: "noise"), limits: tiny)
        } catch {
            #expect(error.code == .timeout)
        }
        let results = try await store.search(SearchQuery(text: "noise"), limits: .api)
        #expect(results.total == 40, "an interrupted read leaves its connection usable, with a fresh snapshot")
        await store.close()
    }

    @Test func aBusyPoolAnswersBusyInsteadOfQueueing() async throws {
        let store = try await Self.adversarial()
        let release = DispatchSemaphore(value: 0)
        let holding = (0..<2).map { _ in
            Task { try await store.read { _ in release.wait() } }  // both readers held
        }
        while store.readerStatus.busy < 2 { try await Task.sleep(for: .milliseconds(10)) }
        let noWait = QueryLimits(timeLimit: nil, readerWait: .zero, maximumWaitingReads: 16)
        await #expect(throws: StoreError.self) { _ = try await store.counts(limits: noWait) }
        let noQueue = QueryLimits(timeLimit: nil, readerWait: nil, maximumWaitingReads: 0)
        do { _ = try await store.counts(limits: noQueue); Issue.record("a read queued past its limit") } catch {
            #expect(error.code == .busy)
        }
        let shortWait = QueryLimits(timeLimit: nil, readerWait: .milliseconds(20), maximumWaitingReads: 16)
        do { _ = try await store.counts(limits: shortWait); Issue.record("a read waited past its limit") } catch {
            #expect(error.code == .busy)
        }
        #expect(store.readerStatus == ReaderPoolStatus(readers: 2, busy: 2, waiting: 0), "the waiter that gave up is gone")
        release.signal()
        release.signal()
        for task in holding { try await task.value }
        #expect(try await store.counts(limits: noWait).records == 40)
        await store.close()
    }

    @Test func shortWordsMatchWholeWordsOnly() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        _ = try await store.ingest([
            Fixtures.record("tirana/practice/a", title: ["en": "An open data portal"]),
            Fixtures.record("tirana/practice/b", title: ["en": "Opening hours of the town hall"]),
        ])
        #expect(MatchExpression.make("a op open") == "\"a\" \"op\" \"open\"*")
        #expect(try await store.search(SearchQuery(text: "op")).total == 0, "a two-letter word is not a prefix")
        #expect(try await store.search(SearchQuery(text: "open")).total == 2, "three letters and more are prefixes")
        #expect(try await store.search(SearchQuery(text: "of")).total == 1, "a short word still matches itself")
        await store.close()
    }
}
