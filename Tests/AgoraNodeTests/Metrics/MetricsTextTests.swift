@testable import AgoraHTTP
import Testing
@testable import AgoraNode

@Suite struct MetricsTextTests {
    @Test func familiesHaveHelpTypeAndEscapedLabels() {
        var text = MetricsText()
        text.add("agora_x_total", .counter, help: "A count\nwith a line break and a \\.", [([("peer", "a\"b\\c\nd")], 3)])
        #expect(text.text == """
            # HELP agora_x_total A count\\nwith a line break and a \\\\.
            # TYPE agora_x_total counter
            agora_x_total{peer="a\\"b\\\\c\\nd"} 3

            """)
    }

    @Test(arguments: [(0.0, "0"), (42, "42"), (-7, "-7"), (0.25, "0.25"), (1e20, "1e+20"), (.infinity, "+Inf"),
                      (-.infinity, "-Inf"), (.nan, "NaN"), (1733400000.5, "1733400000.5")])
    func numbersAreWrittenAsPrometheusReadsThem(value: Double, written: String) {
        #expect(MetricsText.number(value) == written)
    }

    @Test func routesFoldIntoAFixedSetWhateverThePath() {
        #expect(RequestHistogram.route(of: "/") == "/")
        #expect(RequestHistogram.route(of: "/api/v1/search") == "/api/v1/search")
        #expect(RequestHistogram.route(of: "/api/v1/records/tirana/practice/x/history") == "/api/v1/records")
        #expect(RequestHistogram.route(of: "/api/v1/searchx") == "/api/v1/")
        #expect(RequestHistogram.route(of: "/records/a/b/c") == "/records/")
        #expect(RequestHistogram.route(of: "/federation/v1/changes/fetch") == "/federation/v1/changes/fetch")
        #expect(RequestHistogram.route(of: "/federation/v1/changes") == "/federation/v1/changes")
        #expect(RequestHistogram.route(of: "/wp-admin/\u{202E}evil") == "other")
        #expect(RequestHistogram.route(of: nil) == "unparsed")
    }

    @Test func bucketsAreCumulativeAndCountEveryRequest() {
        let histogram = RequestHistogram()
        let client = ClientAddress(remoteAddress: "127.0.0.1:5")
        histogram.record([0.003, 0.02, 0.02, 7, 30].map { seconds in
            HTTPAccessRecord(listener: "public", method: .get, path: "/search", status: 200, bytes: 10,
                             nanoseconds: UInt64(seconds * 1e9), client: client, completed: true)
        })
        var text = MetricsText()
        histogram.write(to: &text)
        let lines = text.text.split(separator: "\n").map(String.init)
        func bucket(_ le: String) -> String? {
            lines.first { $0.hasPrefix("agora_http_request_duration_seconds_bucket{") && $0.contains("le=\"\(le)\"") }?
                .split(separator: " ").last.map(String.init)
        }
        #expect(bucket("0.005") == "1" && bucket("0.025") == "3" && bucket("5") == "3" && bucket("10") == "4" && bucket("+Inf") == "5")
        #expect(lines.contains("agora_http_request_duration_seconds_count{listener=\"public\",route=\"/search\",status=\"2xx\"} 5"))
    }
}
