import AgoraCore
import Foundation
import Testing
@testable import AgoraCLI
@testable import AgoraNode

/// `node.json`'s `pending` limits: read, defaulted, and refused precisely when wrong.
@Suite struct PendingConfigTests {
    func config(_ pending: JSONValue?) -> NodeConfig {
        var config = NodeConfig(cityID: "tirana", cityName: "Tirana")
        if let pending { config.other["pending"] = pending }
        return config
    }

    @Test func theLimitsComeFromNodeJSONOrTheirDefaults() throws {
        #expect(try config(nil).pendingLimits() == .init(perPeer: 10_000, total: 50_000))
        #expect(try config(.object(["perPeer": .number(5), "total": .number(9)])).pendingLimits() == .init(perPeer: 5, total: 9))
        #expect(throws: NodeError.self) { try config(.object(["perPeer": .number(0)])).pendingLimits() }
        #expect(throws: NodeError.self) { try config(.object(["quota": .number(3)])).pendingLimits() }
        #expect(throws: NodeError.self) { try config(.string("big")).pendingLimits() }
    }
}
