import Foundation

/// The few POSIX file operations key files need, with errors that name the file.
enum PosixFile {
    /// Creates `path` (which must not exist) with `mode`, writes `contents` and syncs it.
    static func createExclusive(at path: String, mode: mode_t, contents: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        try check(descriptor, "create", path)
        defer { close(descriptor) }
        var written = 0
        while written < contents.count {
            let count = contents[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            try check(Int32(clamping: count), "write", path)
            written += count
        }
        try check(fsync(descriptor), "sync", path)
    }

    /// Opens `path`, lets `inspect` judge its status, and reads at most `maximumByteCount` bytes.
    static func read(at path: String, maximumByteCount: Int, inspect: (stat) throws -> Void) throws -> [UInt8] {
        // NOFOLLOW: a symbolic link planted in place of a key is refused, never read through.
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)  // NONBLOCK: a planted pipe cannot hang us
        if descriptor < 0 && errno == ELOOP {
            throw CryptoError(code: .fileError, message: "key file \(path) is a symbolic link; Agora does not follow links "
                + "in place of its key files, so nothing was read; remove it or put the real file there")
        }
        try check(descriptor, "open", path)
        defer { close(descriptor) }
        var status = stat()
        try check(fstat(descriptor, &status), "stat", path)
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw CryptoError(code: .fileError, message: "key file \(path) is not a regular file")
        }
        guard status.st_uid == geteuid() || status.st_uid == 0 else {
            throw CryptoError(code: .fileError, message: "key file \(path) is owned by user \(status.st_uid), not by this "
                + "user (\(geteuid())) or root, so another user may have placed it; nothing was read")
        }
        try inspect(status)
        guard Int(status.st_size) <= maximumByteCount else {
            throw CryptoError(code: .fileError,
                              message: "key file \(path) is \(status.st_size) bytes, more than the \(maximumByteCount)-byte limit")
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var total = 0
        while total < bytes.count {
            let count = bytes[total...].withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            try check(Int32(clamping: count), "read", path)
            if count == 0 { break }
            total += count
        }
        return Array(bytes.prefix(total))
    }

    /// Flushes the directory entry of `path`; best effort, as some file systems refuse it.
    static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Throws a `CryptoError` naming the operation, the file and `strerror(errno)` when `result` is negative.
    static func check(_ result: Int32, _ operation: String, _ path: String) throws {
        guard result < 0 else { return }
        let reason = String(cString: strerror(errno))
        throw CryptoError(code: .fileError, message: "could not \(operation) key file \(path)", cause: reason)
    }
}
