import AgoraCLI
import AgoraStore
import Foundation

// The executable caps malloc's arenas, then hands its arguments to the testable CLI module.
MallocArenas.limitForThisProcess()
exit(await CommandLineTool.main(arguments: Array(CommandLine.arguments.dropFirst())))
