/// The bounds every roster document stays within (`protocol/ROSTER.md`, "Limits").
public enum RosterLimits {
    /// The largest wire form of one update, in bytes.
    public static let maxUpdateBytes = 65_536
    /// The deepest JSON nesting of an update (an update needs 5).
    public static let maxUpdateDepth = 8
    /// Operations in one update.
    public static let maxOperations = 64
    /// Signatures on one update.
    public static let maxSignatures = 16
    /// Stewards in the steward list.
    public static let maxStewards = 16
    /// Keys one member may hold over its life (active, retired and compromised together).
    public static let maxKeysPerMember = 64
    /// Members of the coalition (removed ones included: their keys stay in the directory).
    public static let maxMembers = 2_000
    /// Bytes of a member's name.
    public static let maxNameBytes = 200
    /// Bytes of a node URL.
    public static let maxURLBytes = 2_048
    /// Updates in a chain, bundle or `/roster` answer.
    public static let maxChainUpdates = 100_000
    /// The largest bundle file, in bytes.
    public static let maxBundleBytes = 64 * 1_048_576
    /// The steward signatures a change of the steward list needs.
    public static let stewardQuorum = 2
}
