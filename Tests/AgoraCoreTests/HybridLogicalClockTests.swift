import Testing
@testable import AgoraCore

@Suite struct HybridLogicalClockTests {
    @Test func stampsAreMonotonicEvenWhenTheWallClockStandsStillOrGoesBack() {
        var clock = HybridLogicalClock()
        let a = clock.now(wallMilliseconds: 1_000)
        let b = clock.now(wallMilliseconds: 1_000)
        let c = clock.now(wallMilliseconds: 900)
        let d = clock.now(wallMilliseconds: 2_000)
        #expect(a == HLCTimestamp(milliseconds: 1_000, counter: 0))
        #expect(b == HLCTimestamp(milliseconds: 1_000, counter: 1))
        #expect(c == HLCTimestamp(milliseconds: 1_000, counter: 2))
        #expect(d == HLCTimestamp(milliseconds: 2_000, counter: 0))
    }

    @Test func receivingAdvancesTheClockPastTheStamp() throws {
        var clock = HybridLogicalClock()
        try clock.receive(HLCTimestamp(milliseconds: 5_000, counter: 7), wallMilliseconds: 4_000)
        #expect(clock.now(wallMilliseconds: 4_000) == HLCTimestamp(milliseconds: 5_000, counter: 8))
        #expect(clock.drift(wallMilliseconds: 4_000) == 1_000)
    }

    @Test func aStampBeyondTheSkewIsRefusedAndDoesNotMoveTheClock() throws {
        var clock = HybridLogicalClock(maxSkewMilliseconds: 300_000)
        _ = clock.now(wallMilliseconds: 1_000_000)
        let before = clock.last
        #expect(throws: ChangeRejection.self) {
            try clock.receive(HLCTimestamp(milliseconds: 1_300_001), wallMilliseconds: 1_000_000)
        }
        #expect(clock.last == before)
        try clock.receive(HLCTimestamp(milliseconds: 1_300_000), wallMilliseconds: 1_000_000)
        #expect(clock.last == HLCTimestamp(milliseconds: 1_300_000))
        do { try clock.receive(HLCTimestamp(milliseconds: 9_999_999), wallMilliseconds: 1_000_000) } catch {
            #expect(error.code == .futureTimestamp)
        }
    }

    @Test func theCounterOverflowsIntoTheNextMillisecond() {
        var clock = HybridLogicalClock(last: HLCTimestamp(milliseconds: 10, counter: .max))
        #expect(clock.now(wallMilliseconds: 5) == HLCTimestamp(milliseconds: 11, counter: 0))
    }

    @Test func stampsReadOnlyTwoIntegersInRange() {
        #expect(HLCTimestamp(json: [1, 2]) == HLCTimestamp(milliseconds: 1, counter: 2))
        #expect(HLCTimestamp(json: .array([.number(1.5), 0])) == nil)
        #expect(HLCTimestamp(json: [-1, 0]) == nil)
        #expect(HLCTimestamp(json: .array([.number(9_007_199_254_740_992), 0])) == nil)
        #expect(HLCTimestamp(json: .array([1, .number(4_294_967_296)])) == nil)
        #expect(HLCTimestamp(json: [1]) == nil)
    }
}
