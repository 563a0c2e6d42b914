import Foundation

/// A failed system call: which one, and `errno`.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    /// The call that failed, e.g. `"bind"`.
    public let operation: String
    /// The `errno` value.
    public let errno: Int32

    public var description: String { "\(operation) failed: \(String(cString: strerror(errno))) (errno \(errno))" }

    /// Checks a system call's return value in one place: negative means failure, read from `errno`.
    @discardableResult
    static func check<T: BinaryInteger>(_ result: T, _ operation: String) throws(SystemError) -> T {
        if result < 0 { throw SystemError(operation: operation, errno: Glibc.errno) }
        return result
    }
}

/// Raises this process's open-files soft limit to its hard limit (RLIMIT_NOFILE).
///
/// Every connection holds one descriptor; docs/HTTP.md says how many the server needs and how to
/// set `LimitNOFILE` under systemd.
public enum OpenFilesLimit {
    /// The soft and hard limits after trying to raise the soft one.
    @discardableResult
    public static func raiseToHardLimit() -> (soft: UInt64, hard: UInt64) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (0, 0) }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }
}
