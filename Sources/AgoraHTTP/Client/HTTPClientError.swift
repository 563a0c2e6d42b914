/// Why a request to a peer failed: which peer, at which step, and what happened.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    /// What went wrong. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public var description: String { rawValue }
        /// The TCP (or Unix-socket) connection could not be made.
        public static let connect = Code(rawValue: "connect")
        /// The TLS handshake failed (protocol version, certificate refused, garbage).
        public static let handshake = Code(rawValue: "handshake")
        /// The server's SPKI pin is not the expected one; nothing was written.
        public static let pinMismatch = Code(rawValue: "pin-mismatch")
        /// Sending the request failed.
        public static let write = Code(rawValue: "write")
        /// Reading the response failed or the server closed early.
        public static let read = Code(rawValue: "read")
        /// A step took longer than its timeout; `step` says which.
        public static let timeout = Code(rawValue: "timeout")
        /// The response could not be parsed or broke a limit.
        public static let malformedResponse = Code(rawValue: "malformed-response")
        /// The client itself could not be set up (bad client certificate or key).
        public static let configuration = Code(rawValue: "configuration")
    }

    /// The step of an exchange.
    public enum Step: String, Sendable {
        case setup, connect, handshake, write, read
    }

    public let code: Code
    public let step: Step
    /// `host:port` or the socket path.
    public let peer: String
    public let message: String
    public let cause: (any Error)?
    /// For `.pinMismatch`: the pin that was expected and the one the server presented.
    public let expectedPin: String?
    public let actualPin: String?

    init(_ code: Code, step: Step, peer: String, _ message: String, cause: (any Error)? = nil,
         expectedPin: String? = nil, actualPin: String? = nil) {
        self.code = code
        self.step = step
        self.peer = peer
        self.message = message
        self.cause = cause
        self.expectedPin = expectedPin
        self.actualPin = actualPin
    }

    public var description: String {
        "\(peer): \(code) during \(step.rawValue): \(message)" + (cause.map { " (\($0))" } ?? "")
    }
}
