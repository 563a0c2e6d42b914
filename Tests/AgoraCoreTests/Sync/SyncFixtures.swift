import AgoraTesting
import Testing
@testable import AgoraCore

/// Random items and a driver that runs a whole session through the binary form.
enum SyncFixtures {
    static let sha256: @Sendable ([UInt8]) -> [UInt8] = { TestKeys.crypto.sha256($0) }

    static func id(_ random: inout SplitMix64) -> SyncID {
        SyncID(words: (random.next(), random.next(), random.next(), random.next()))
    }

    /// `count` items with milliseconds in `times`.
    static func items(_ count: Int, times: ClosedRange<UInt64>, _ random: inout SplitMix64) -> [SyncItem] {
        (0..<count).map { _ in SyncItem(milliseconds: UInt64.random(in: times, using: &random), id: id(&random)) }
    }

    /// What one session produced, with its traffic.
    struct Run {
        var outcome: SyncOutcome
        var bytesToResponder = 0
        var bytesToInitiator = 0
        var roundTrips = 0
        var total: Int { bytesToResponder + bytesToInitiator }
    }

    /// Runs a session between `initiator` and `responder` sets, every message through its bytes.
    static func run(_ initiator: [SyncItem], _ responder: [SyncItem], bound: UInt64, nonce: [UInt8] = [7, 1, 2, 3, 4, 5, 6, 7],
                    parameters: SyncParameters = .default, limits: SyncLimits = .standard, policy: SyncPolicy = .standard) throws -> Run {
        var a = SyncInitiator(source: FingerprintTree(sorted: initiator.sorted()), bound: bound, nonce: nonce,
                              parameters: parameters, limits: limits, policy: policy, sha256: sha256)
        var b = SyncResponder(source: FingerprintTree(sorted: responder.sorted()), limits: limits, policy: policy, sha256: sha256)
        var run = Run(outcome: SyncOutcome())
        var outgoing: SyncMessage? = a.start()
        while let message = outgoing {
            let request = message.bytes
            run.bytesToResponder += request.count
            run.roundTrips += 1
            let reply = try b.receive(SyncMessage(bytes: request, limits: limits)).bytes
            run.bytesToInitiator += reply.count
            outgoing = try a.receive(SyncMessage(bytes: reply, limits: limits))
        }
        run.outcome = try #require(a.outcome)
        return run
    }

    /// The ids the outcome says to give and to get, ranges expanded against the two sets.
    static func expand(_ outcome: SyncOutcome, _ initiator: [SyncItem], _ responder: [SyncItem]) -> (give: Set<SyncID>, get: Set<SyncID>) {
        var give = Set(outcome.have.map(\.id)), get = Set(outcome.need)
        for range in outcome.haveRanges {
            for item in initiator where !(item.key < range.lower) && item.key < range.upper { give.insert(item.id) }
        }
        for range in outcome.needRanges {
            for item in responder where !(item.key < range.lower) && item.key < range.upper { get.insert(item.id) }
        }
        return (give, get)
    }
}
