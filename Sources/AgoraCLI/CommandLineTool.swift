import Foundation

/// The `agora` command line. The executable calls `main(arguments:)` and exits with its result.
public enum CommandLineTool {
    /// Runs one invocation and returns the process exit code.
    public static func main(arguments: [String]) async -> Int32 {
        FileHandle.standardError.write(Data("agora: not yet implemented\n".utf8))
        return 2
    }
}
