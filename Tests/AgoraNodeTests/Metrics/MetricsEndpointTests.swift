import AgoraTesting
import Foundation
import Testing
@testable import AgoraNode

/// `GET /metrics` on a served node, read with curl and checked with Prometheus' own `promtool`.
@Suite struct MetricsEndpointTests {
    /// promtool (Debian package `prometheus`); CI installs it, elsewhere the check skips with a message.
    static let promtool = "/usr/bin/promtool"

    @Test func metricsPassPromtoolAndCountWhatTheNodeServed() async throws {
        let served = try await ServedCatalog.start()
        defer { Task { await served.stop() } }
        let pin = served.server.pin
        #expect(await served.curl("/healthz", pin: pin).status == 0)
        #expect(await served.curl("/api/v1/search?q=data", pin: pin).status == 0)
        let first = await served.curl("/metrics", pin: pin, ["-D", "-"])
        #expect(first.status == 0)
        #expect(first.body.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8"), "\(first.body.prefix(300))")
        let changes = try await served.catalog.store.counts().changes
        #expect(changes > 0 && first.body.contains("\nagora_store_changes \(changes)\n"), "the stored changes are counted")
        #expect(first.body.contains(#"agora_http_request_duration_seconds_count{listener="public",route="/healthz",status="2xx"} 1"#))
        #expect(first.body.contains(#"agora_http_request_duration_seconds_count{listener="public",route="/api/v1/search",status="2xx"} 1"#))

        #expect(await served.curl("/healthz", pin: pin).status == 0)
        let second = await served.curl("/metrics", pin: pin)
        #expect(second.body.contains(#"agora_http_request_duration_seconds_count{listener="public",route="/healthz",status="2xx"} 2"#),
                "a later scrape counts the later request")

        guard FileManager.default.isExecutableFile(atPath: Self.promtool) else {
            let required = ProcessInfo.processInfo.environment[ExternalVectors.requireVariable] == "1"
            #expect(!required, "promtool is required in CI (apt-get install prometheus)")
            print("skipped: promtool is not installed (apt-get install prometheus); /metrics was not checked by it")
            return
        }
        let check = await ChildProcess.run(Self.promtool, ["check", "metrics"], input: Array(second.body.utf8), timeout: .seconds(60))
        #expect(check.status == 0, "promtool: \(check.output)")
        #expect(!check.output.contains("error"), "promtool: \(check.output)")
    }
}
