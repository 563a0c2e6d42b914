/// Bounds on one read: how long its SQL may run, and how long it may wait for a reader.
///
/// The node's public API reads with ``api`` so that no request can hold a reader for minutes or
/// queue behind busy readers forever; the CLI reads ``unlimited``. See `docs/HTTP.md` ("Query
/// limits") and `docs/API.md`.
public struct QueryLimits: Sendable, Equatable {
    /// How long the read's SQL may run before SQLite is interrupted (`StoreError` `timeout`);
    /// nil: no limit. Checked every ``progressInterval`` virtual-machine steps.
    public var timeLimit: Duration?
    /// How long a read may wait for a reader when every reader is busy (`StoreError` `busy`
    /// after it); `.zero` fails at once, nil waits as long as it takes.
    public var readerWait: Duration?
    /// How many reads may wait for a reader at once; one more fails with `busy` at once.
    public var maximumWaitingReads: Int

    /// The API's time limit per query.
    public static let defaultTimeLimit = Duration.seconds(5)
    /// The API's longest wait for a reader.
    public static let defaultReaderWait = Duration.seconds(2)
    /// The API's most reads waiting for a reader at once.
    public static let defaultMaximumWaitingReads = 16
    /// SQLite virtual-machine instructions between two checks of the time limit.
    public static let progressInterval: Int32 = 1_000

    /// Limits with the given parts.
    public init(timeLimit: Duration?, readerWait: Duration?, maximumWaitingReads: Int) {
        self.timeLimit = timeLimit
        self.readerWait = readerWait
        self.maximumWaitingReads = maximumWaitingReads
    }

    /// No time limit, and waiting for a reader as long as it takes (the CLI, rebuild checks).
    public static let unlimited = QueryLimits(timeLimit: nil, readerWait: nil, maximumWaitingReads: .max)

    /// What the public API uses: ``defaultTimeLimit``, ``defaultReaderWait``, ``defaultMaximumWaitingReads``.
    public static let api = QueryLimits(timeLimit: defaultTimeLimit, readerWait: defaultReaderWait,
                                        maximumWaitingReads: defaultMaximumWaitingReads)

    /// Nanoseconds of `duration` (negative durations count as zero).
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}

/// How busy the reader pool is, for `/readyz`.
public struct ReaderPoolStatus: Sendable, Equatable {
    /// Reader connections in the pool.
    public var readers: Int
    /// Readers running a read now.
    public var busy: Int
    /// Reads waiting for a reader.
    public var waiting: Int

    /// Whether reads are queueing: every reader busy and at least one read waiting for one.
    public var isSaturated: Bool { busy >= readers && waiting > 0 }
}
