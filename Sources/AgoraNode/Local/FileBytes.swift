import Foundation

/// Small, checked file operations with errors that name the path.
enum FileBytes {
    /// Reads a whole file, refusing one larger than `limit` bytes.
    static func read(_ url: URL, limit: Int) throws -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        } catch {
            throw NodeError(.fileSystem, "\(url.path): \(reason(error, fallback: "cannot be read"))", cause: error)
        }
        if let size = attributes[.size] as? Int, size > limit {
            throw NodeError(.invalidInput, "\(url.path): \(size) bytes is over the limit of \(limit) bytes")
        }
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw NodeError(.fileSystem, "\(url.path): \(reason(error, fallback: "cannot be read"))", cause: error)
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
