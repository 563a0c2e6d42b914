import AgoraCore
import AgoraStore
import Testing
@testable import AgoraNode

/// The status's JSON (docs/API.md, "Status"): the public view keeps a failed attempt's stable
/// code and drops its text and the sync figures; the private view (agora status) has both.
@Suite struct NodeSyncStatusTests {
    func make() -> NodeSyncStatus {
        let failed = Store.SyncAttempt(peer: "sofia", startedMilliseconds: 2_000, durationMilliseconds: 7,
                                       error: "unreachable: 10.0.0.7:8444: connection refused (/srv/agora/tls)")
        let ok = Store.SyncAttempt(peer: "sofia", startedMilliseconds: 1_000, durationMilliseconds: 5, roundTrips: 2, changesReceived: 4)
        let refusals = Store.ClockRefusals(city: "sofia", refused: 3, lastRefusedMilliseconds: 1_500, leadMilliseconds: 599_000)
        return NodeSyncStatus(changes: 9, fingerprint: String(repeating: "ab", count: 16), wallMilliseconds: 10_000,
                              newestMilliseconds: 10_250, maxSkewMilliseconds: 300_000, roster: (4, String(repeating: "cd", count: 32)),
                              peers: [.init(city: "sofia", latest: failed, latestSuccess: ok, clock: refusals),
                                      .init(city: "dublin", latest: nil, latestSuccess: nil, clock: nil)])
    }

    @Test func thePublicViewHasCodesButNoErrorTextNorFigures() throws {
        let json = make().json(includePrivate: false)
        let sofia = try #require(json["peers"]?.arrayValue?.first)
        #expect(sofia["lastAttempt"]?["error"] == .string("unreachable"))
        #expect(sofia["lastAttempt"]?["message"] == nil)
        #expect(sofia["lastSync"] == .object(["startedMs": .number(1_000)]))
        #expect(sofia["futureRefusals"]?["leadMs"] == .number(599_000) && sofia["futureRefusals"]?["refused"] == .number(3))
        #expect(!String(decoding: CanonicalJSON.encode(json), as: UTF8.self).contains("/srv"), "no path leaks")
        #expect(json["clock"]?["driftMs"] == .number(250) && json["changes"] == .number(9))
        #expect(json["rosterHead"]?["seq"] == .number(4))
        let dublin = try #require(json["peers"]?.arrayValue?.last)
        #expect(dublin["lastSync"] == .null && dublin["lastAttempt"] == .null && dublin["futureRefusals"] == .null)
    }

    @Test func thePrivateViewHasTheTextAndTheFigures() throws {
        let sofia = try #require(make().json(includePrivate: true)["peers"]?.arrayValue?.first)
        #expect(sofia["lastAttempt"]?["message"]?.stringValue?.contains("/srv/agora/tls") == true)
        #expect(sofia["lastSync"]?["changesReceived"] == .number(4) && sofia["lastSync"]?["roundTrips"] == .number(2))
    }

    @Test func anErrorWithoutALeadingCodeIsFailed() {
        #expect(NodeSyncStatus.Peer.code(of: "unknown-pin: the peer refused us") == "unknown-pin")
        #expect(NodeSyncStatus.Peer.code(of: "The operation could not be completed") == "failed")
        #expect(NodeSyncStatus.Peer.code(of: "Error Domain=x: y") == "failed")
        #expect(NodeSyncStatus.Peer.code(of: ": empty") == "failed")
    }
}
