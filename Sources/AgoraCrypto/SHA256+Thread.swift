extension SHA256.Hasher {
    /// This thread's own hasher, created on first use and freed when the thread exits;
    /// `nil` only if OpenSSL could not allocate one.
    ///
    /// Safe because `SHA256.hash` uses it synchronously from start to finish and never
    /// calls itself, so one thread never has two uses of it in flight.
    static var forCurrentThread: SHA256.Hasher? { perThread.value }

    private static let perThread = ThreadLocal { try? SHA256.Hasher() }
}
