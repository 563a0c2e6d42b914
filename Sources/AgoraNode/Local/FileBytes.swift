import AgoraStore
import Foundation

/// Small, checked file operations with errors that name the path.
enum FileBytes {
    /// Reads a whole file, refusing one larger than `limit` bytes, and a symbolic link, a folder or
    /// another user's file in its place (``RegularFile``).
    static func read(_ url: URL, limit: Int, what: String = "file") throws -> [UInt8] {
        do {
            return try RegularFile.read(url.path, limit: limit, what: what)
        } catch {
            let code: NodeError.Code = error.code == .tooLarge ? .invalidInput : .fileSystem
            throw NodeError(code, error.message, cause: error)
        }
    }

    /// Writes bytes to a temporary file beside `url`, sets its mode, then renames it over `url`.
    static func writeAtomically(_ bytes: [UInt8], to url: URL, mode: Int) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: mode]) else {
            throw NodeError(.fileSystem, "\(url.path): cannot be written (\(String(cString: strerror(errno))))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw NodeError(.fileSystem, "\(url.path): cannot be written (\(message))")
        }
    }

    /// A short reason for a Foundation file error.
    static func reason(_ error: any Error, fallback: String) -> String {
        guard let cocoa = error as? CocoaError else { return fallback }
        switch cocoa.code {
        case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on device"
        case .fileWriteVolumeReadOnly: return "read-only file system"
        default: return fallback
        }
    }
}
