import AgoraCore
import AgoraCrypto
import Foundation

/// Signed-in staff sessions and the failed-login limit, in memory: a restart signs everyone
/// out. The session cookie holds 32 random bytes; the server keeps only their SHA-256, with the
/// user, the CSRF token every form of the session carries, and the expiry. See `docs/WEB.md`.
final class StaffSessions: @unchecked Sendable {
    // @unchecked: `sessions` and `failures` are only read and written under `lock`.
    struct Session: Sendable {
        let user: String
        let csrf: String
        let expiresMilliseconds: Int64
    }

    /// How long a session lasts.
    static let lifetimeMilliseconds: Int64 = 8 * 3_600_000
    /// Failed logins allowed per address and per user name within ``failureWindowMilliseconds``.
    static let maximumFailures = 5
    /// The window of the failed-login limit.
    static let failureWindowMilliseconds: Int64 = 15 * 60_000
    /// The most sessions kept; the oldest go first.
    static let maximumSessions = 1_000
    /// The cookie's name; `__Host-` makes browsers require Secure and Path=/ and refuse a Domain.
    static let cookieName = "__Host-agora-session"

    private let lock = NSLock()
    private var sessions: [String: Session] = [:]
    private var failures: [String: [Int64]] = [:]
    let clock: @Sendable () -> Int64

    init(clock: @escaping @Sendable () -> Int64) {
        self.clock = clock
    }

    /// A new session for `user`: the cookie value to send.
    func start(user: String) throws -> String {
        let token = Hex.encode(try SecureRandom.bytes(count: 32))
        let csrf = Hex.encode(try SecureRandom.bytes(count: 32))
        let now = clock()
        lock.withLock {
            sessions = sessions.filter { $0.value.expiresMilliseconds > now }
            if sessions.count >= Self.maximumSessions, let oldest = sessions.min(by: { $0.value.expiresMilliseconds < $1.value.expiresMilliseconds }) {
                sessions.removeValue(forKey: oldest.key)
            }
            sessions[Self.key(token)] = Session(user: user, csrf: csrf, expiresMilliseconds: now + Self.lifetimeMilliseconds)
        }
        return token
    }

    /// The live session of a cookie value.
    func session(_ token: String?) -> Session? {
        guard let token, token.utf8.count == 64 else { return nil }
        let now = clock()
        return lock.withLock {
            guard let session = sessions[Self.key(token)], session.expiresMilliseconds > now else { return nil }
            return session
        }
    }

    /// Ends the session of a cookie value.
    func end(_ token: String?) {
        guard let token else { return }
        _ = lock.withLock { sessions.removeValue(forKey: Self.key(token)) }
    }

    /// Ends every session of `user` (an account that was removed).
    func end(user: String) {
        lock.withLock { sessions = sessions.filter { $0.value.user != user } }
    }

    /// Whether another login attempt is allowed for this address and user name now.
    func mayTry(address: String, user: String) -> Bool {
        let since = clock() - Self.failureWindowMilliseconds
        return lock.withLock {
            [address, "user:" + user].allSatisfy { (failures[$0]?.filter { $0 > since }.count ?? 0) < Self.maximumFailures }
        }
    }

    /// Counts a failed login against the address and the user name.
    func recordFailure(address: String, user: String) {
        let now = clock()
        lock.withLock {
            if failures.count > 10_000 { failures.removeAll() }  // a flood of names cannot grow memory without end
            for key in [address, "user:" + user] {
                failures[key] = (failures[key] ?? []).filter { $0 > now - Self.failureWindowMilliseconds } + [now]
            }
        }
    }

    static func key(_ token: String) -> String { Hex.encode(SHA256.hash(Array(token.utf8))) }

    /// Whether two tokens are equal, in time that does not depend on where they differ.
    static func sameToken(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
