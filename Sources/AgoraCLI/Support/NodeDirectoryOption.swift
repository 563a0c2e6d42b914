import AgoraNode

extension CommandContext {
    /// The node directory: `--dir`, else `$AGORA_DIR`, else `./agora-node`.
    public var nodeDirectory: NodeDirectory {
        let path = arguments.string("dir") ?? io.environment[NodeDirectory.environmentVariable] ?? NodeDirectory.defaultName
        return NodeDirectory(root: io.resolve(path))
    }
}
