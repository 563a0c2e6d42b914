import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The lock file that makes one process the node's only writer.
///
/// It is `<directory>/agora.lock`, locked with `flock(LOCK_EX | LOCK_NB)` for as long as the
/// process holds the store open for writing, and it contains the holder's pid. The kernel
/// releases the lock when the process exits, even on SIGKILL, so a stale file never blocks.
/// See `docs/STORAGE.md`, "One writer".
public final class WriterLock: @unchecked Sendable {
    // @unchecked: `descriptor` is written in init and in release(), which only the owner calls once.
    /// The lock file's name inside the node directory.
    public static let fileName = "agora.lock"

    /// The lock file's path.
    public let path: String
    private var descriptor: Int32

    /// Takes the lock in `directory`, or throws ``StoreError/Code/locked`` naming the holder's pid.
    ///
    /// - Throws: also `.notRegularFile` when `agora.lock` is a symbolic link, a folder or another
    ///   user's file (it is never followed or written, see ``RegularFile``).
    public init(directory: String) throws(StoreError) {
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        let fd = try RegularFile.open(path, flags: O_RDWR | O_CREAT, mode: 0o644, what: "the writer lock")
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readPID(fd)
            close(fd)
            let who = holder.map { "process \($0)" } ?? "another process"
            throw StoreError(.locked, "the node at \(directory) is already open for writing by \(who) (lock file \(path)); "
                + "stop it, or hand the write to the running server")
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.path = path
        self.descriptor = fd
    }

    deinit { release() }

    /// Releases the lock (also done on deinit and by the kernel at exit).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    /// The pid written in the lock file of `directory` if a process holds it now, else nil.
    public static func holder(directory: String) -> Int32? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let fd = try? RegularFile.open(path, flags: O_RDONLY, what: "the writer lock") else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        return readPID(fd)
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 32, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}
