import AgoraHTTP
import Foundation

/// Request durations by listener, route and status class, as Prometheus histograms. The server
/// hands every access record here (`HTTPServerConfiguration.accessLog`); paths are folded into a
/// fixed set of routes (``route(of:)``) so a client cannot grow the label set.
public final class RequestHistogram: @unchecked Sendable {
    // @unchecked: `series` is only touched under `lock`.
    /// The bucket bounds, in seconds.
    public static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Key: Hashable, Comparable {
        var listener: String, route: String, status: String
        static func < (a: Key, b: Key) -> Bool { (a.listener, a.route, a.status) < (b.listener, b.route, b.status) }
    }

    struct Series {
        var buckets = [Int](repeating: 0, count: RequestHistogram.bounds.count)
        var count = 0
        var sum = 0.0
    }

    private let lock = NSLock()
    private var series: [Key: Series] = [:]

    /// An empty histogram.
    public init() {}

    /// Counts `records`.
    public func record(_ records: [HTTPAccessRecord]) {
        lock.withLock {
            for record in records {
                let key = Key(listener: record.listener, route: Self.route(of: record.path), status: Self.statusClass(record.status))
                let seconds = Double(record.nanoseconds) / 1e9
                var entry = series[key] ?? Series()
                entry.count += 1
                entry.sum += seconds
                for (index, bound) in Self.bounds.enumerated() where seconds <= bound { entry.buckets[index] += 1 }
                series[key] = entry
            }
        }
    }

    /// Writes the family `agora_http_request_duration_seconds`.
    func write(to text: inout MetricsText) {
        let snapshot = lock.withLock { series }
        let name = "agora_http_request_duration_seconds"
        text.family(name, .histogram, help: "Time from the end of a request to the last byte of its response, by listener, route and status class.")
        for key in snapshot.keys.sorted() {
            guard let entry = snapshot[key] else { continue }
            let labels = [("listener", key.listener), ("route", key.route), ("status", key.status)]
            for (index, bound) in Self.bounds.enumerated() {
                text.sample(name + "_bucket", labels + [("le", MetricsText.number(bound))], Double(entry.buckets[index]))
            }
            text.sample(name + "_bucket", labels + [("le", "+Inf")], Double(entry.count))
            text.sample(name + "_sum", labels, entry.sum)
            text.sample(name + "_count", labels, Double(entry.count))
        }
    }

    /// The routes a path folds into: the API's and the web catalog's path prefixes, or `other`.
    static let routes = [
        "/api/v1/search", "/api/v1/records", "/api/v1/cities", "/api/v1/export", "/api/v1/roster", "/api/v1/status",
        "/api/v1/", "/admin/v1/", "/federation/v1/reconcile", "/federation/v1/changes/fetch", "/federation/v1/changes",
        "/federation/v1/", "/healthz", "/readyz", "/metrics", "/search", "/records/", "/cities/", "/feeds/", "/staff/",
        "/static/",
    ]

    /// The route label of `path`: the first of ``routes`` it starts with, `/` for the overview, else `other`.
    static func route(of path: String?) -> String {
        guard let path else { return "unparsed" }
        if path == "/" { return "/" }
        return routes.first { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") } ?? "other"
    }

    static func statusClass(_ status: Int) -> String { status < 100 ? "none" : "\(status / 100)xx" }
}
