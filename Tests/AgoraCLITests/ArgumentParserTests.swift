import Foundation
import Testing
@testable import AgoraCLI

/// A small tree that exercises every form the parser accepts.
private func makeTree() -> CommandSpec {
    let echo: CommandAction = { context in
        let args = context.arguments
        context.out.line("path=\(context.path.joined(separator: " "))")
        context.out.line("out=\(args.string("out") ?? "-") san=\(args.strings("san")) json=\(args.flag("json"))")
        context.out.line("files=\(args.positionalList("FILE")) dir=\(args.string("dir") ?? "-")")
        return .success
    }
    let generate = CommandSpec(
        "generate", summary: "Generate a key",
        options: [
            OptionSpec("out", short: "o", valueName: "FILE", help: "Where to write", defaultValue: "key.pem"),
            OptionSpec("san", arity: .repeated, valueName: "NAME", help: "A subject alternative name"),
            OptionSpec("limit", short: "n", valueName: "N", help: "How many"),
            OptionSpec("format", valueName: "FORMAT", help: "Output format", choices: ["jsonl", "csv", "dcat"]),
            .flag("json", short: "j", help: "JSON output"),
        ],
        positionals: [PositionalSpec("FILE", help: "Inputs", isOptional: true, isRepeated: true)],
        examples: ["agora keys generate --out city.key"],
        action: echo)
    let show = CommandSpec("show", summary: "Show a key", positionals: [PositionalSpec("FILE", help: "The key")], action: echo)
    let keys = CommandSpec("keys", summary: "Manage keys", subcommands: [generate, show])
    return CommandSpec(
        "agora", summary: "Test tree",
        options: [OptionSpec("dir", short: "d", valueName: "DIR", help: "Node directory", isGlobal: true)],
        subcommands: [keys])
}

@Suite struct ArgumentParserTests {
    let parser = ArgumentParser(root: makeTree())

    @Test func nestedSubcommandWithLongAndShortOptions() throws {
        let parsed = try parser.parse(["keys", "generate", "--out", "a.key", "-j", "x", "y"])
        #expect(parsed.names == ["agora", "keys", "generate"])
        #expect(parsed.arguments.string("out") == "a.key")
        #expect(parsed.arguments.flag("json"))
        #expect(parsed.arguments.positionalList("FILE") == ["x", "y"])
    }

    @Test func equalsFormAttachedShortValueAndClusters() throws {
        let parsed = try parser.parse(["keys", "generate", "--out=b=c.key", "-jn5"])
        #expect(parsed.arguments.string("out") == "b=c.key")
        #expect(parsed.arguments.flag("json"))
        #expect(try parsed.arguments.value("limit", as: Int.self) == 5)
    }

    @Test func defaultsApplyWhenAbsent() throws {
        let parsed = try parser.parse(["keys", "generate"])
        #expect(parsed.arguments.string("out") == "key.pem")
        #expect(parsed.arguments.values["out"] == nil)
    }

    @Test func repeatedOptionsKeepOrder() throws {
        let parsed = try parser.parse(["keys", "generate", "--san", "b.example", "--san=a.example"])
        #expect(parsed.arguments.strings("san") == ["b.example", "a.example"])
    }

    @Test func singleOptionTwiceIsAUsageError() {
        #expect(throws: CLIError.self) { try parser.parse(["keys", "generate", "-o", "a", "--out", "b"]) }
    }

    @Test func terminatorMakesEverythingPositional() throws {
        let parsed = try parser.parse(["keys", "generate", "--", "--json", "-o", "generate"])
        #expect(!parsed.arguments.flag("json"))
        #expect(parsed.arguments.positionalList("FILE") == ["--json", "-o", "generate"])
    }

    @Test func globalOptionWorksBeforeAndAfterTheSubcommand() throws {
        #expect(try parser.parse(["--dir", "n1", "keys", "show", "k"]).arguments.string("dir") == "n1")
        #expect(try parser.parse(["keys", "show", "k", "-d", "n2"]).arguments.string("dir") == "n2")
    }

    @Test func aValueMayStartWithADash() throws {
        let parsed = try parser.parse(["keys", "generate", "--out", "-weird-"])
        #expect(parsed.arguments.string("out") == "-weird-")
    }

    @Test func typedConversionErrorNamesOptionAndExpectation() throws {
        let parsed = try parser.parse(["keys", "generate", "--limit", "ten"])
        let error = #expect(throws: CLIError.self) { try parsed.arguments.value("limit", as: Int.self) }
        #expect(error?.exitCode == .usage)
        #expect(error?.message == "invalid value 'ten' for --limit: expected an integer")
    }

    @Test func choicesAreCheckedWithASuggestion() {
        let error = #expect(throws: CLIError.self) { try parser.parse(["keys", "generate", "--format", "jsnl"]) }
        #expect(error?.message.contains("expected one of jsonl, csv, dcat; did you mean 'jsonl'?") == true)
    }

    @Test func unknownCommandSuggestsTheClosest() {
        let error = #expect(throws: CLIError.self) { try parser.parse(["keys", "genrate"]) }
        #expect(error?.message == "unknown command 'genrate' for 'agora keys'; did you mean 'generate'?")
        #expect(error?.helpCommand == ["agora", "keys"])
    }

    @Test func unknownOptionSuggestsTheClosest() {
        let error = #expect(throws: CLIError.self) { try parser.parse(["keys", "generate", "--jsn"]) }
        #expect(error?.message == "unknown option '--jsn' for 'agora keys generate'; did you mean '--json'?")
    }

    @Test func missingAndExtraPositionalsAreUsageErrors() {
        let missing = #expect(throws: CLIError.self) { try parser.parse(["keys", "show"]) }
        #expect(missing?.message == "missing argument FILE for 'agora keys show'")
        let extra = #expect(throws: CLIError.self) { try parser.parse(["keys", "show", "a", "b"]) }
        #expect(extra?.message == "unexpected argument 'b' for 'agora keys show'")
    }

    @Test func missingValueAndValueOnAFlag() {
        let missing = #expect(throws: CLIError.self) { try parser.parse(["keys", "generate", "--out"]) }
        #expect(missing?.message == "option --out needs a value (FILE)")
        let flagged = #expect(throws: CLIError.self) { try parser.parse(["keys", "generate", "--json=yes"]) }
        #expect(flagged?.message == "option --json takes no value")
    }

    @Test func groupWithoutSubcommandIsAUsageError() {
        let error = #expect(throws: CLIError.self) { try parser.parse(["keys"]) }
        #expect(error?.message == "'agora keys' needs a subcommand: generate, show")
    }

    @Test func helpAnywhereSelectsTheDeepestCommandAndSkipsValidation() throws {
        let parsed = try parser.parse(["keys", "--help", "show"])
        #expect(parsed.arguments.wantsHelp)
        #expect(parsed.names == ["agora", "keys", "show"])
    }

    @Test func suggestionDistanceCountsATranspositionOnce() {
        #expect(Suggestions.editDistance("pubilsh", "publish") == 1)
        #expect(Suggestions.editDistance("", "abc") == 3)
        #expect(Suggestions.closest(to: "zzzzzz", among: ["publish", "search"]).isEmpty)
    }
}

@Suite struct HelpTests {
    @Test func helpListsUsageOptionsDefaultsAndExamples() async {
        let result = await runTool(["keys", "generate", "--help"], root: makeTree())
        #expect(result.code == .success)
        #expect(result.out.hasPrefix("USAGE: agora keys generate [--out FILE] [--san NAME ...]"))
        #expect(result.out.contains("-o, --out FILE"))
        #expect(result.out.contains("(default: key.pem)"))
        #expect(result.out.contains("(repeatable)"))
        #expect(result.out.contains("GLOBAL OPTIONS:\n  -d, --dir DIR"))
        #expect(result.out.contains("EXAMPLES:\n  agora keys generate --out city.key"))
    }

    @Test func everyRealCommandHasHelp() async {
        func visit(_ path: [CommandSpec]) -> [[String]] {
            let here = [path.dropFirst().map(\.name)]
            return here + path[path.count - 1].subcommands.flatMap { visit(path + [$0]) }
        }
        for names in visit([RootCommand.spec]) {
            let result = await runTool(names + ["--help"])
            #expect(result.code == .success, "\(names)")
            #expect(result.out.hasPrefix("USAGE: agora"), "\(names)")
            let viaHelp = await runTool(["help"] + names)
            #expect(viaHelp.out == result.out, "\(names)")
        }
    }

    @Test func rootHelpDocumentsExitCodes() async {
        let result = await runTool(["--help"])
        for (code, _) in ExitCode.documented { #expect(result.out.contains("\n  \(code)  ")) }
        #expect(result.out.contains("AGORA_DIR"))
    }

    @Test func versionAndBareInvocation() async {
        let version = await runTool(["--version"])
        #expect(version.code == .success)
        #expect(version.out == "agora \(CommandLineTool.version)\n")
        let bare = await runTool([])
        #expect(bare.code == .usage)
        #expect(bare.err.hasPrefix("USAGE: agora"))
    }

    @Test func usageErrorsGoToStandardErrorWithAHint() async {
        let result = await runTool(["pubilsh"])
        #expect(result.code == .usage)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("agora: error: unknown command 'pubilsh'"))
        #expect(result.err.contains("Run 'agora --help' for usage."))
    }
}
