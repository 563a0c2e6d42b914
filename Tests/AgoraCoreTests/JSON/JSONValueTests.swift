import Testing
@testable import AgoraCore

@Suite struct JSONValueTests {
    @Test func accessorsReturnOnlyTheirOwnCase() {
        let value = JSONValue.object(["a": .string("x"), "b": .number(1)])
        #expect(value["a"]?.stringValue == "x")
        #expect(value["b"]?.numberValue == 1)
        #expect(value["a"]?.numberValue == nil)
        #expect(value["missing"] == nil)
        #expect(JSONValue.null.isNull)
    }
}
