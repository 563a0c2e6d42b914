import Foundation
import AgoraCore

/// `agora protocol ...`: the toolbox for implementers (canonical JSON, sign, verify, merge).
enum ProtocolCommands {
    static let spec = CommandSpec(
        "protocol", summary: "Protocol toolbox: canonical JSON, signing, verifying and merging changes",
        discussion: "These commands touch no node: they read their input and write their result, so a second implementation can test itself against them.",
        examples: ["agora protocol canonicalize < doc.json", "agora protocol verify change.json"],
        subcommands: [canonicalize, sign, verify, merge])

    static let canonicalize = CommandSpec(
        "canonicalize", summary: "Print the RFC 8785 canonical form of a JSON document",
        discussion: """
        Reads one JSON document and writes its canonical bytes (RFC 8785: sorted keys, ECMAScript
        numbers, minimal escapes) with no trailing newline. Invalid input exits 1 with the byte
        offset and the reason: invalid UTF-8, lone surrogates, duplicate keys, numbers out of
        range, nesting deeper than \(JSONLimits.defaultMaxDepth), over \(JSONLimits.defaultMaxBytes) bytes, trailing garbage.
        """,
        positionals: [PositionalSpec("FILE", help: "The document; '-' or absent reads standard input", isOptional: true)],
        examples: ["agora protocol canonicalize < record.json", "echo '{\"b\":1,\"a\":2.50}' | agora protocol canonicalize"],
        action: { context in
            let input = try context.readInput(context.arguments.positional("FILE"))
            do {
                context.out.write(Data(try CanonicalJSON.canonicalize(input.bytes)))
            } catch {
                throw CLIError.failure("\(input.name): \(error)", cause: error)
            }
            return .success
        })
}
