internal import CSQLite
import Foundation

/// glibc's malloc gives busy threads arenas of their own, up to eight per core. The ingest's
/// verification threads allocate and free parsed changes in one arena while the writer frees
/// them in another, so freed memory piles up in arenas no thread reuses. With 2 arenas, ingesting
/// and searching 100,000 changes peaked at 99.8 MiB instead of 131.8 MiB, at the same rate
/// within the machine's noise (see `docs/BENCHMARKS.md`, "Store").
public enum MallocArenas {
    /// Arenas per process.
    public static let limit: Int32 = 2

    /// Caps this process's malloc arenas at ``limit``, unless `MALLOC_ARENA_MAX` is set (then
    /// glibc already obeys it). Call first thing in `main`, before any thread starts.
    /// - Returns: whether malloc took the cap (false when the environment chose instead).
    @discardableResult
    public static func limitForThisProcess() -> Bool {
        guard getenv("MALLOC_ARENA_MAX") == nil else { return false }
        return CAgoraSQLite_limitMallocArenas(limit) == 1
    }
}
