import Testing
import AgoraTesting
@testable import AgoraCore

extension ProtocolVectorTests {
    func strings(_ value: JSONValue?) -> [String] { (value?.arrayValue ?? []).compactMap { $0.stringValue } }

    func text(_ value: JSONValue?) -> String { String(decoding: CanonicalJSON.encode(value ?? .null), as: UTF8.self) }

    @Test func everyRosterScenarioFoldsToItsStateInAnyOrder() throws {
        let file = try load("roster.json")
        let genesis = try RosterUpdate.parse(Array((file["genesis"]?.stringValue ?? "").utf8), crypto: TestKeys.crypto)
        #expect(genesis.id.hex == file["genesisId"]?.stringValue)
        #expect(Hex.encode(genesis.signingMessage) == file["signedMessage"]?.stringValue)
        let scenarios = file["scenarios"]?.arrayValue ?? []
        #expect(scenarios.count >= 5)
        for item in scenarios {
            let name = item["name"]?.stringValue ?? "?"
            var updates: [RosterUpdate] = []
            for line in strings(item["updates"]) {
                updates.append(try RosterUpdate.parse(Array(line.utf8), coalition: "ccdr", crypto: TestKeys.crypto))
            }
            for order in [updates, updates.reversed()] {
                var chain = try RosterChain(genesis: genesis, crypto: TestKeys.crypto)
                for update in order { chain.insert(update, crypto: TestKeys.crypto) }
                let fold = chain.fold(crypto: TestKeys.crypto)
                #expect(text(fold.roster?.json) == item["roster"]?.stringValue, "\(name)")
                #expect(text(fold.roster?.keyDirectory.json) == item["keyDirectory"]?.stringValue, "\(name)")
                #expect(fold.waiting.map { $0.hex } == strings(item["waiting"]), "\(name)")
                let refused = Set(fold.refused.map { "\($0.key.hex)=\($0.value.code)" })
                let expected = Set((item["refused"]?.objectValue ?? [:]).map { "\($0.key)=\($0.value.stringValue ?? "")" })
                #expect(refused == expected, "\(name)")
                #expect((fold.fork?.candidates.map { $0.hex } ?? []) == strings(item["fork"]?["candidates"]), "\(name)")
            }
        }
    }
}
