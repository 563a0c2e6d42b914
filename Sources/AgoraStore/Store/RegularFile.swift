import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Opens the node's own files (lock, database, config, certificate …) without following a
/// symbolic link planted in their place.
///
/// A link named like a node file would otherwise make a write land in whatever it points to:
/// `ln -s victim.txt agora.lock` once made the writer lock truncate `victim.txt`. So the last
/// path component is opened with `O_NOFOLLOW`, the descriptor must be a regular file, and it
/// must belong to this user or to root. Folders above it may be links (a node directory under
/// a linked `/srv` is fine). See `docs/NODE-DIRECTORY.md`, "Files the node refuses".
public enum RegularFile {
    /// Opens `path` with `flags` (`O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK` are added) and checks what was opened.
    ///
    /// - Parameter what: what the file is, for the message ("the writer lock").
    /// - Returns: the open descriptor; the caller closes it.
    /// - Throws: ``StoreError`` `.notRegularFile` naming the file and the reason (a symbolic link
    ///   and its target, a folder, another user's file), `.notWritable` for other failures.
    public static func open(_ path: String, flags: Int32, mode: mode_t = 0o644, what: String) throws(StoreError) -> Int32 {
        // NONBLOCK: a pipe planted in place of the file must not hang the open (no effect on regular files).
        let descriptor = Glibc.open(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode)
        guard descriptor >= 0 else {
            let code = errno
            if let refusal = refusal(lstatOf: path, what: what) { throw refusal }
            throw StoreError(.notWritable, "cannot open \(what) \(path): \(String(cString: strerror(code)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw StoreError(.notWritable, "cannot inspect \(what) \(path): \(String(cString: strerror(errno)))")
        }
        if let refusal = refusal(status, path: path, what: what) {
            close(descriptor)
            throw refusal
        }
        return descriptor
    }

    /// Reads the whole of `path` (no more than `limit` bytes) through ``open(_:flags:mode:what:)``.
    ///
    /// - Throws: ``StoreError`` `.notRegularFile` as `open` does, `.tooLarge` naming the size
    ///   and the limit, `.notWritable` when it cannot be read.
    public static func read(_ path: String, limit: Int, what: String) throws(StoreError) -> [UInt8] {
        let descriptor = try open(path, flags: O_RDONLY, what: what)
        defer { close(descriptor) }
        var status = stat()
        fstat(descriptor, &status)
        guard Int(status.st_size) <= limit else {
            throw StoreError(.tooLarge, "\(what) \(path) is \(status.st_size) bytes, over the limit of \(limit) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var total = 0
        while total < bytes.count {
            let count = bytes[total...].withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw StoreError(.notWritable, "cannot read \(what) \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            total += count
        }
        guard total <= limit else {
            throw StoreError(.tooLarge, "\(what) \(path) grew while read, over the limit of \(limit) bytes")
        }
        return Array(bytes.prefix(total))
    }

    /// Refuses `path` when it exists and is not a regular file of this user; absent is fine.
    ///
    /// For files that a library opens itself (SQLite opens the database): a check before it
    /// opens, for the precise message, beside the library's own no-follow flag against races.
    public static func checkIfPresent(_ path: String, what: String) throws(StoreError) {
        if let refusal = refusal(lstatOf: path, what: what) { throw refusal }
    }

    /// `path` with its folder resolved through `realpath`, so only its last component can be a link.
    /// SQLite's special names (`:memory:`) stay as they are.
    static func resolvingFolder(_ path: String) -> String {
        guard !path.hasPrefix(":") else { return path }
        let folder = (path as NSString).deletingLastPathComponent
        guard let resolved = realpath(folder.isEmpty ? "." : folder, nil) else { return path }
        defer { free(resolved) }
        return (String(cString: resolved) as NSString).appendingPathComponent((path as NSString).lastPathComponent)
    }

    private static func refusal(lstatOf path: String, what: String) -> StoreError? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return refusal(status, path: path, what: what)
    }

    private static func refusal(_ status: stat, path: String, what: String) -> StoreError? {
        let reason: String
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            let me = geteuid()
            guard status.st_uid != me, status.st_uid != 0 else { return nil }
            reason = "is owned by user \(status.st_uid), not by this user (\(me)) or root, so another user may have placed it"
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " (to \($0))" } ?? ""
            reason = "is a symbolic link\(target); Agora does not follow links in place of its files, so nothing was opened or written"
        case S_IFDIR: reason = "is a folder, not a regular file"
        default: reason = "is not a regular file (a device, socket or pipe)"
        }
        return StoreError(.notRegularFile, "refusing \(what) \(path): it \(reason); remove it or put the real file there")
    }
}
