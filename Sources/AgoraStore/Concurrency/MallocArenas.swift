internal import CSQLite
import Foundation

/// glibc's malloc gives busy threads arenas of their own, up to eight per core. The ingest's
/// verification threads allocate and free parsed changes in one arena while the writer frees
/// them in another, so freed memory piles up in arenas no thread reuses. One arena per core plus
/// one for the writer keeps that bounded without making the busy threads wait for each other's
/// arena locks. On 2 cores, ingesting 100,000 changes and running a few searches peaked at
/// 105-112 MiB with 3 arenas (131.8 MiB with glibc's default), and ran 8-17% faster than with
/// 2 arenas (see `docs/BENCHMARKS.md`, "Store").
public enum MallocArenas {
    /// Arenas per process: one per core (the verification threads) and one for the writer.
    public static let limit = Int32(clamping: ProcessInfo.processInfo.activeProcessorCount + 1)

    /// Caps this process's malloc arenas at ``limit``, unless `MALLOC_ARENA_MAX` is set (then
    /// glibc already obeys it). Call first thing in `main`, before any thread starts.
    /// - Returns: whether malloc took the cap (false when the environment chose instead).
    @discardableResult
    public static func limitForThisProcess() -> Bool {
        guard getenv("MALLOC_ARENA_MAX") == nil else { return false }
        return CAgoraSQLite_limitMallocArenas(limit) == 1
    }
}
