import Testing
@testable import AgoraCLI

@Suite struct TextTableTests {
    @Test func alignsColumnsAndDrawsARule() {
        var table = TextTable(header: ["id", "title"])
        table.append(["tirana/practice/open-data", "Open data portal"])
        table.append(["sofia/pilot/x", "Цифрови права"])
        #expect(table.render() == """
        id                         title
        -------------------------  ----------------
        tirana/practice/open-data  Open data portal
        sofia/pilot/x              Цифрови права

        """)
    }

    @Test func cutsLongCellsAndFlattensNewlines() {
        var table = TextTable(header: ["a"])
        table.append([String(repeating: "x", count: 100)])
        table.append(["two\nlines"])
        let lines = table.render().split(separator: "\n")
        #expect(lines[2].count == TextTable.maximumColumnWidth)
        #expect(lines[2].hasSuffix("…"))
        #expect(lines[3] == "two lines")
        var uncut = TextTable(header: ["key"], uncut: [0])
        uncut.append([String(repeating: "a", count: 64)])
        #expect(uncut.render().hasSuffix(String(repeating: "a", count: 64) + "\n"))
    }
}

@Suite struct TextTableDetailTests {
    @Test func detailLinesGoUnderTheirRowIndented() {
        var table = TextTable(header: ["id"])
        table.append(["a"], detail: "first «match»")
        table.append(["b"], detail: "")
        #expect(table.render() == "id\n--\na\n    first «match»\nb\n")
    }
}
