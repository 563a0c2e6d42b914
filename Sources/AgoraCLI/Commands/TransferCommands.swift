import AgoraCore
import AgoraNode
import Foundation

/// `agora import`, `agora export` and `agora rebuild`.
enum TransferCommands {
    static let importSpec = CommandSpec(
        "import", summary: "Import signed changes from JSON Lines; refused lines are reported, the rest is kept",
        discussion: """
        Each line is one signed change in wire form (what 'agora export --format jsonl' writes).
        Every change is verified (signature, hashes, schema, coalition, key directory, clock skew);
        forged, tampered or malformed lines are refused with their line number and reason and the
        import goes on. Importing the same file twice changes nothing. Exit 4 when any line was refused.
        While 'agora serve' runs on the node, the lines are handed to it in batches over the admin
        socket (same output), so its sync engine pushes what is new to peers.
        """,
        options: [.flag("json", help: "Print the report as JSON")],
        positionals: [PositionalSpec("FILE", help: "JSON Lines of changes; '-' reads standard input")],
        examples: ["agora import sofia-changes.jsonl", "agora export --format jsonl --dir a | agora import - --dir b"],
        action: runImport)

    @Sendable static func runImport(_ context: CommandContext) async throws -> ExitCode {
        let input = try context.openInput(context.arguments.positional("FILE"))
        let bar = context.progress("import", total: input.lines)
        let report: ImportReport
        if let client = await AdminClient.running(in: context.nodeDirectory.root.path) {
            report = try await ImportHandoff(client: client).run(input.reader) { bar.update($0) }
        } else {
            report = try await context.withNode(writable: true) { node in
                try await node.importChanges(from: input.reader) { bar.update($0) }
            }
        }
        bar.finish()
        if context.arguments.flag("json") {
            let refusals = report.refusals.map { JSONValue.object(["line": .number(Double($0.line)), "code": .string($0.code), "reason": .string($0.reason)]) }
            context.out.line(JSONOutput.object([
                ("lines", .number(Double(report.total))), ("accepted", .number(Double(report.accepted))),
                ("duplicates", .number(Double(report.duplicates))), ("refused", .number(Double(report.refusals.count))),
                ("refusals", .array(refusals)), ("pending", .number(Double(report.pending))),
                ("droppedAtCap", .number(Double(report.droppedAtCap))),
            ]))
        } else {
            for refusal in report.refusals {
                context.err.line("\(input.name): line \(refusal.line): refused: \(refusal.code): " + TerminalText.escape(refusal.reason))
            }
            context.out.line("\(input.name): \(report.total) lines: \(report.accepted) accepted, \(report.duplicates) duplicate, \(report.refusals.count) refused")
            if report.pending > 0 || report.droppedAtCap > 0 {
                context.err.line("\(input.name): \(report.pending) wait in the pending area until the roster admits their key or reinstates their city"
                                 + (report.droppedAtCap > 0 ? "; \(report.droppedAtCap) dropped: the pending area is full (docs/FEDERATION.md)" : ""))
            }
        }
        return report.refusals.isEmpty ? .success : .partial
    }

    static let exportSpec = CommandSpec(
        "export", summary: "Export the change log (JSON Lines) or the records (CSV, DCAT-AP JSON-LD)",
        discussion: """
        jsonl: every signed change in wire form, in arrival order; 'agora import' reads it back.
        csv: one row per record, UTF-8, CRLF, cells that could start a formula are prefixed with '.
        dcat: a DCAT-AP 3 catalog in JSON-LD with language-tagged literals. See docs/EXPORT.md.
        With --out the file is written under a temporary name and renamed when complete.
        Every format is written piece by piece from one read snapshot: memory stays flat.
        """,
        options: [
            OptionSpec("format", short: "f", valueName: "FORMAT", help: "What to export", defaultValue: "jsonl", choices: ExportFormat.allCases.map(\.rawValue)),
            OptionSpec("out", short: "o", valueName: "FILE", help: "Write to this file instead of standard output"),
        ],
        examples: ["agora export --format jsonl --out backup.jsonl", "agora export --format csv > catalog.csv", "agora export -f dcat -o catalog.jsonld"],
        action: runExport)

    @Sendable static func runExport(_ context: CommandContext) async throws -> ExitCode {
        let format = ExportFormat(rawValue: context.arguments.string("format") ?? "jsonl") ?? .jsonl
        let output = try ExportOutput(path: context.arguments.string("out"), context: context)
        let bar = context.progressOfLongWork("export", total: nil)
        let count: Int
        do {
            count = try await context.withNode(writable: false) { node in
                if format == .dcat, let warning = PublicURL.warning(node.publicURL) { context.err.line(warning) }
                return try await node.export(format, write: output.write) { done, total in bar.update(done, total: total) }
            }
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
        let noun = (format == .jsonl ? "change" : "record") + (count == 1 ? "" : "s")
        bar.finish(output.isFile ? "exported \(count) \(noun) to \(output.name)" : nil)
        return .success
    }

    static let rebuildSpec = CommandSpec(
        "rebuild", summary: "Recompute every record's state and the search index from the change log",
        discussion: "The change log is the source of truth: rebuild deletes every derived row and re-merges every record, which yields byte-identical state. Takes the writer lock.",
        options: [.flag("json", help: "Print the report as JSON")],
        examples: ["agora rebuild --dir /var/lib/agora"],
        action: { context in
            let bar = context.progress("rebuild", total: nil)
            let report = try await context.withNode(writable: true) { node in
                try await node.rebuild { done, total in bar.update(done, total: total) }
            }
            bar.finish()
            if context.arguments.flag("json") {
                context.out.line(JSONOutput.object([("records", .number(Double(report.records))), ("changes", .number(Double(report.changes)))]))
            } else {
                context.out.line("rebuilt \(report.records) records from \(report.changes) changes")
            }
            return .success
        })
}
