import Testing
import AgoraTesting
@testable import AgoraCore

/// `protocol/schemas/roster-update.schema.json` names what the parser accepts.
extension SchemaTests {
    @Test func theRosterSchemaListsEveryOperationAndTheLimits() throws {
        let update = try schema("roster-update")
        let ops = (update["$defs"]?["operation"]?["oneOf"]?.arrayValue ?? []).compactMap { $0["properties"]?["op"]?["const"]?.stringValue }
        let f = try RosterFixture()
        let key = try f.key("tirana").publicKeyBytes, id = f.genesis.id
        let every: [RosterOperation] = [
            .genesis(stewards: [], quorum: 2), try f.addMember("tirana"), .removeMember(city: "a", at: HLCTimestamp(milliseconds: 0)),
            .suspendMember(city: "a"), .reinstateMember(city: "a"), .setNode(city: "a", node: RosterFixture.node("a")),
            .addKey(city: "a", key: key), .retireKey(key: key, at: HLCTimestamp(milliseconds: 0)), .markCompromised(key: key),
            .setStewards(stewards: [], at: HLCTimestamp(milliseconds: 0)), .resolveFork(keep: id, drop: [id]),
        ]
        #expect(ops == every.map(\.name))
        #expect(update["$defs"]?["header"]?["properties"]?["ops"]?["maxItems"] == .number(Double(RosterLimits.maxOperations)))
        #expect(update["properties"]?["signatures"]?["maxItems"] == .number(Double(RosterLimits.maxSignatures)))
        #expect(try schema("roster")["$schema"] != nil)
    }
}
