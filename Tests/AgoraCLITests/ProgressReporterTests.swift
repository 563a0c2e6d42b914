import Testing
@testable import AgoraCLI

@Suite struct ProgressReporterTests {
    @Test func rendersABarWithPercentAndCounts() {
        #expect(ProgressReporter.render(label: "import", done: 0, total: 10)
            == "import [..............................]   0% 0/10")
        #expect(ProgressReporter.render(label: "import", done: 5, total: 10)
            == "import [###############...............]  50% 5/10")
        #expect(ProgressReporter.render(label: "import", done: 10, total: 10)
            == "import [##############################] 100% 10/10")
        #expect(ProgressReporter.render(label: "rebuild", done: 7, total: nil) == "rebuild 7")
    }

    @Test func plainOutputWritesOneLinePerTenth() {
        let sink = CapturedOutput()
        let reporter = ProgressReporter(label: "import", total: 1000, sink: sink, isTerminal: false)
        for done in 1...1000 { reporter.update(done) }
        reporter.finish("done")
        let lines = sink.text.split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.first == "import: 1/1000 (0%)")
        #expect(lines[9] == "import: 900/1000 (90%)")
        #expect(lines[10] == "import: 1000/1000 (100%)")
        #expect(lines.last == "done")
        #expect(!sink.text.contains("\r"))
    }

    @Test func terminalOutputRedrawsInPlaceAndEndsWithANewline() {
        let sink = CapturedOutput()
        let reporter = ProgressReporter(label: "export", total: 200, sink: sink, isTerminal: true)
        for done in 1...200 { reporter.update(done) }
        reporter.finish()
        #expect(sink.text.components(separatedBy: "\r").count == 102)
        #expect(sink.text.hasSuffix("100% 200/200\n"))
    }

    @Test func unknownTotalInPlainModeReportsEveryStep() {
        let sink = CapturedOutput()
        let reporter = ProgressReporter(label: "rebuild", total: nil, sink: sink, isTerminal: false)
        for done in 1...2500 { reporter.update(done) }
        #expect(sink.text == "rebuild: 1\nrebuild: 1000\nrebuild: 2000\n")
    }
}

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    // @unchecked: only the test's own thread reads and moves it.
    var milliseconds: Int64 = 1_000_000
}

/// Progress only on a terminal and only for long work (issue 16.10: `export` of six records
/// printed six progress lines).
@Suite struct ProgressOfLongWorkTests {
    @Test func offATerminalOnlyTheSummaryIsWritten() {
        let sink = CapturedOutput()
        let reporter = ProgressReporter(label: "export", total: nil, sink: sink, isTerminal: false, onlyOnTerminal: true)
        for done in 1...6 { reporter.update(done, total: 6) }
        reporter.finish("exported 6 records to catalog.csv")
        #expect(sink.text == "exported 6 records to catalog.csv\n")
    }

    @Test func onATerminalTheBarWaitsUntilTheWorkHasTakenASecond() {
        let sink = CapturedOutput()
        let clock = ManualClock()
        let reporter = ProgressReporter(label: "export", total: 100, sink: sink, isTerminal: true, onlyOnTerminal: true,
                                        after: ProgressReporter.longWorkMilliseconds, clock: { clock.milliseconds })
        for done in 1...50 { reporter.update(done) }
        #expect(sink.text.isEmpty)
        clock.milliseconds += ProgressReporter.longWorkMilliseconds
        for done in 51...100 { reporter.update(done) }
        reporter.finish()
        #expect(sink.text.hasPrefix("\r\u{1B}[2Kexport [###############...............]  51% 51/100"))
        #expect(sink.text.hasSuffix("100% 100/100\n"))
    }

    @Test func aQuickExportOfTheCLIPrintsNoProgress() async throws {
        let fixture = try await NodeFixture.make()
        try fixture.write("portal.json", NodeFixture.practice())
        #expect(await fixture.run(["publish", "portal.json"]).code == .success)
        let export = await fixture.run(["export", "--format", "csv", "-o", "catalog.csv"])
        #expect(export.err == "exported 1 record to catalog.csv\n")
    }
}

@Suite struct ProgressTotalTests {
    @Test func aTotalLearnedLaterTurnsCountsIntoPercentages() {
        let sink = CapturedOutput()
        let reporter = ProgressReporter(label: "export", total: nil, sink: sink, isTerminal: false)
        reporter.update(5, total: 10)
        reporter.update(10, total: 10)
        #expect(sink.text == "export: 5/10 (50%)\nexport: 10/10 (100%)\n")
    }
}
