import Testing
@testable import AgoraCore

@Suite struct HexTests {
    @Test func onlyLowercaseHexOfTheRightLengthDecodes() {
        #expect(Hex.decode("00ff10", count: 3) == [0, 255, 16])
        #expect(Hex.decode("00FF10", count: 3) == nil)
        #expect(Hex.decode("00ff1", count: 3) == nil)
        #expect(Hex.decode("00fg10", count: 3) == nil)
        #expect(Hex.isHex("0123456789abcdef", count: 8))
        #expect(!Hex.isHex("0123456789abcdeF", count: 8))
        #expect(!Hex.isHex("0123456789abcde/", count: 8))
        #expect(!Hex.isHex("0123456789abcde:", count: 8))
        #expect(Hex.encode([0, 255, 16]) == "00ff10")
    }

    @Test func spellingComparesEveryByte() {
        let bytes: [UInt8] = Array(0..<40)
        #expect(Hex.spells(Hex.encode(bytes), bytes))
        var other = bytes
        other[39] = 0
        #expect(!Hex.spells(Hex.encode(bytes), other))
        other = bytes
        other[3] = 99
        #expect(!Hex.spells(Hex.encode(bytes), other))
        #expect(!Hex.spells(Hex.encode(bytes), Array(bytes.dropLast())))
    }

    @Test func addTagsHaveOneSpelling() {
        let id = String(repeating: "a", count: 64)
        #expect(AddTag("\(id):0")?.index == 0)
        #expect(AddTag("\(id):12")?.index == 12)
        #expect(AddTag("\(id):012") == nil)
        #expect(AddTag("\(id):-1") == nil)
        #expect(AddTag("\(id)") == nil)
        #expect(ChangeID(hex: id.uppercased()) == nil)
    }
}
