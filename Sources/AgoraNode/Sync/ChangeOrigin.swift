/// Where the changes a task stores come from, which decides whether the sync engine pushes them
/// on (`protocol/SYNC.md`, section 11). A task-local value: the federation port marks its
/// requests with the member that made them, the engine marks its own sessions, and everything
/// else (the node's own writes, imports) is local.
public enum ChangeOrigin: Sendable, Equatable {
    /// This node's own writes and imports: pushed to the fanout at once.
    case local
    /// A request on the federation port by this member (a push, or the push step of its session):
    /// forwarded to the fanout (gossip) when fresh, never back to that member.
    case peer(String)
    /// This node's own anti-entropy session with this member: not forwarded (the other peers
    /// reconcile on their own schedule).
    case antiEntropy(String)

    /// The origin of the changes the current task stores.
    @TaskLocal public static var current: ChangeOrigin = .local
}
