import Foundation
@testable import AgoraCLI

/// What one in-process run of the tool produced.
struct RunResult {
    let code: ExitCode
    let out: String
    let err: String
    let outData: Data
}

/// Runs the tool in-process with captured streams.
func runTool(
    _ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:],
    directory: URL = FileManager.default.temporaryDirectory, root: CommandSpec = RootCommand.spec,
    now: Int64 = 1_780_000_000_000
) async -> RunResult {
    let out = CapturedOutput(), err = CapturedOutput()
    let io = CommandIO(
        readStandardInput: { stdin }, standardOutput: out, standardError: err,
        environment: environment, currentDirectory: directory, now: { now })
    let code = await CommandLineTool.run(arguments, io: io, root: root)
    return RunResult(code: code, out: out.text, err: err.text, outData: out.data)
}

/// Runs the tool with text on standard input.
func runTool(_ arguments: [String], input: String, directory: URL = FileManager.default.temporaryDirectory) async -> RunResult {
    await runTool(arguments, stdin: Data(input.utf8), directory: directory)
}

/// A fresh temporary directory for one test.
func makeTemporaryDirectory(_ label: String = #function) throws -> URL {
    let safe = label.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("agora-cli-\(safe)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
