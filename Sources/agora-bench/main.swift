// agora-bench: runs one benchmark by name. Only dispatch lives here; each benchmark is a
// file of its own, listed in Benchmarks.swift. Usage: agora-bench NAME [--seconds S]
import AgoraStore
import Foundation

MallocArenas.limitForThisProcess()  // as the agora executable does

let status = BenchmarkCommand.run(arguments: Array(CommandLine.arguments.dropFirst()))
exit(status)
