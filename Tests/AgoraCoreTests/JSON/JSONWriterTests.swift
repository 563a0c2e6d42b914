import Testing
@testable import AgoraCore

@Suite struct JSONWriterTests {
    @Test func prettyPrintsSortedWithTwoSpaces() {
        let value = JSONValue.object([
            "b": .array([.number(1), .string("x\n"), .array([]), .object([:])]),
            "a": .object(["z": .null, "y": .bool(true)]),
        ])
        let expected = """
            {
              "a": {
                "y": true,
                "z": null
              },
              "b": [
                1,
                "x\\n",
                [],
                {}
              ]
            }
            """
        #expect(JSONWriter.pretty(value) == expected)
    }

    @Test func prettyScalarsHaveNoNewline() {
        #expect(JSONWriter.pretty(.number(1e21)) == "1e+21")
        #expect(JSONWriter.pretty(.string("é")) == "\"é\"")
    }
}
