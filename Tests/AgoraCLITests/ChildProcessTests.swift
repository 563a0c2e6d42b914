import AgoraTesting
import Foundation
import Testing

/// The helper every test uses to run real clients: it must not deadlock on full pipes, must feed
/// stdin, and must kill a child that outlives its timeout.
@Suite struct ChildProcessTests {
    @Test func fullPipesOnBothStreamsAndStdinDoNotDeadlock() async {
        // 1 MiB in, echoed to stdout, and 1 MiB to stderr: far beyond a 64 KiB pipe buffer each way.
        let input = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        let result = await ChildProcess.run("/bin/sh", ["-c", "head -c 1048576 /dev/zero | tr '\\0' e >&2; cat"],
                                            input: input)
        #expect(result.status == 0)
        #expect(result.stdout == input)
        #expect(result.error.utf8.count == 1 << 20)
        #expect(!result.timedOut)
    }

    @Test func environmentAndDirectoryReachTheChild() async {
        let result = await ChildProcess.run("/bin/sh", ["-c", "echo \"$AGORA_PROBE\"; pwd"],
                                            environment: ["AGORA_PROBE": "seen"], currentDirectory: "/tmp")
        #expect(result.output == "seen\n/tmp\n")
    }

    @Test func aChildPastItsTimeoutIsKilled() async {
        let result = await ChildProcess.run("/bin/sleep", ["30"], timeout: .milliseconds(200))
        #expect(result.timedOut)
        #expect(result.status != 0)
    }

    @Test func aMissingExecutableIsAFailedResultNotACrash() async {
        let result = await ChildProcess.run("/nonexistent/agora-tool", [])
        #expect(result.status == -1)
        #expect(!result.error.isEmpty)
        #expect(ChildProcess.which("agora-tool-that-does-not-exist") == nil)
        #expect(ChildProcess.which("sh") != nil)
    }
}
