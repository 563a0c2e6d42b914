import Foundation

/// A path short enough to bind or connect a Unix socket, for a socket file whose own path is not.
///
/// `sockaddr_un` holds at most 107 bytes of path, so a node directory deeper than about 97
/// characters could not hold `admin.sock`. For such a path the socket file still lives in the node
/// directory, but is reached as `/proc/self/fd/<N>/admin.sock`, where N is a descriptor of the
/// directory that this alias keeps open for as long as it lives. Linux resolves that
/// path to the directory itself, so bind and connect work on the real file. See
/// `docs/NODE-DIRECTORY.md`, "The admin socket".
final class SocketPathAlias: Sendable {
    /// The longest path `sockaddr_un` holds (107 bytes and a NUL).
    static let maximumDirectPathBytes = 107

    /// The path to bind or connect: the socket's own path when it fits, else the alias.
    let path: String
    private let directory: Int32

    /// An alias for the socket file at `socketPath` (nothing is opened when the path fits).
    init(_ socketPath: String) {
        guard socketPath.utf8.count > Self.maximumDirectPathBytes else {
            path = socketPath
            directory = -1
            return
        }
        let parent = (socketPath as NSString).deletingLastPathComponent
        let descriptor = open(parent.isEmpty ? "." : parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        directory = descriptor
        path = descriptor < 0 ? socketPath : "/proc/self/fd/\(descriptor)/" + (socketPath as NSString).lastPathComponent
    }

    deinit {
        if directory >= 0 { close(directory) }
    }
}
