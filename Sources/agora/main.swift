import AgoraCLI
import Foundation

// The executable only hands its arguments to the testable CLI module.
exit(await CommandLineTool.main(arguments: Array(CommandLine.arguments.dropFirst())))
