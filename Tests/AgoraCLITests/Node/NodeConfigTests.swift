import AgoraCore
import Testing
@testable import AgoraNode

@Suite struct NodeConfigTests {
    func makeConfig() -> NodeConfig {
        var config = NodeConfig(cityID: "tirana", cityName: "Tirana", country: "AL")
        config.other = ["publicPort": .number(8443)]
        return config
    }

    @Test func roundTripsThroughJSONKeepingUnknownMembers() throws {
        let config = makeConfig()
        let again = try NodeConfig(json: config.json)
        #expect(again == config)
        #expect(again.other["publicPort"] == .number(8443))
    }

    @Test func namesTheMemberThatIsWrong() {
        guard case .object(var object) = makeConfig().json else { Issue.record("not an object"); return }
        object["tls"] = .object(["certificate": .string("c.pem")])
        let error = #expect(throws: NodeError.self) { try NodeConfig(json: .object(object)) }
        #expect(error?.message == "node.json: tls.key must be a non-empty string")
        #expect(error?.code == .invalidConfig)
    }

    @Test func refusesANewerFormatAskingForAnUpgrade() {
        guard case .object(var object) = makeConfig().json else { return }
        object["format"] = .number(2)
        let error = #expect(throws: NodeError.self) { try NodeConfig(json: .object(object)) }
        #expect(error?.message == "node.json has format 2; this agora reads format 1: upgrade agora")
    }

    @Test func theCityLanguageRoundTripsAndMustBeALanguageTag() throws {
        var config = makeConfig()
        config.language = "sq"
        #expect(try NodeConfig(json: config.json).language == "sq")
        config.language = "not a tag"
        let error = #expect(throws: NodeError.self) { try NodeConfig(json: config.json) }
        #expect(error?.message.contains("city.language must be a BCP-47 language tag") == true)
    }

    @Test func clockSkewIsBounded() {
        guard case .object(var object) = makeConfig().json else { return }
        object["maxClockSkewSeconds"] = .number(Double(NodeConfig.maximumClockSkewSeconds + 1))
        #expect(throws: NodeError.self) { try NodeConfig(json: .object(object)) }
        object["maxClockSkewSeconds"] = .number(Double(NodeConfig.maximumClockSkewSeconds))
        #expect((try? NodeConfig(json: .object(object)))?.maxClockSkewSeconds == NodeConfig.maximumClockSkewSeconds)
    }
}
