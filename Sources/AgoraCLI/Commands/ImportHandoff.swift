import AgoraNode
import Foundation

/// `agora import` while `agora serve` runs: the file goes to the server in batches over the admin
/// socket (``AdminSyncAPI``), each ingested there as `agora import` does, the reports added up with
/// the file's line numbers. Lines too long for a batch are refused here, as the import refuses them.
struct ImportHandoff {
    let client: AdminClient

    /// Reads `reader` to its end, handing batches over; `progress` gets the lines read so far.
    func run(_ reader: LineReader, progress: (Int) -> Void) async throws -> ImportReport {
        var report = ImportReport()
        var batch: [LineReader.Line] = []
        var bytes = 0
        func send() async throws {
            guard !batch.isEmpty else { return }
            let numbers = batch.map(\.number)
            var body: [UInt8] = []
            for line in batch { body += line.bytes + [0x0A] }
            (batch, bytes) = ([], 0)
            let line: @Sendable (Int) -> Int = { numbers.indices.contains($0 - 1) ? numbers[$0 - 1] : $0 }
            report.add(try await handed { () async throws(AdminClientError) -> ImportReport in try await client.importBatch(body, line: line) })
        }
        while true {
            let lines = try reader.next(AdminSyncAPI.maximumImportBatchLines)
            if lines.isEmpty { break }
            for line in lines {
                guard !line.isOverlong, line.bytes.count < AdminSyncAPI.maximumImportBatchBytes else {
                    report.total += 1
                    report.refusals.append(ImportReport.Refusal(line: line.number, code: "oversized",
                                                 reason: "the line is longer than \(min(LineReader.maximumLineBytes, AdminSyncAPI.maximumImportBatchBytes - 1)) bytes"))
                    continue
                }
                if batch.count == AdminSyncAPI.maximumImportBatchLines || bytes + line.bytes.count + 1 > AdminSyncAPI.maximumImportBatchBytes {
                    try await send()
                }
                batch.append(line)
                bytes += line.bytes.count + 1
            }
            try await send()
            progress(reader.linesRead)
        }
        report.refusals.sort { $0.line < $1.line }
        return report
    }

    /// The server's refusal is the user's error (exit 1); an unreachable server an environment one (exit 3).
    func handed(_ call: () async throws(AdminClientError) -> ImportReport) async throws -> ImportReport {
        do {
            return try await call()
        } catch {
            if error.code == .refused { throw CLIError.failure(error.message, cause: error) }
            throw CLIError.environment("the running server did not take the import: \(error.message)", cause: error)
        }
    }
}

extension ImportReport {
    /// Adds a batch's report (its refusals already numbered by the file's lines).
    mutating func add(_ batch: ImportReport) {
        total += batch.total
        accepted += batch.accepted
        duplicates += batch.duplicates
        refusals += batch.refusals
        pending += batch.pending
        droppedAtCap += batch.droppedAtCap
    }
}
