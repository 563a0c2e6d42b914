import AgoraCrypto
import AgoraNode
import Foundation

/// `agora users ...`: the web catalog's staff accounts (`web-users.json`, scrypt hashes).
enum UsersCommands {
    static let spec = CommandSpec(
        "users", summary: "Staff accounts of the web catalog (who may publish from a browser)",
        discussion: """
        Each person of the city's staff gets an account of their own. Passwords (at least 12
        characters) are read from standard input, one line, so they never appear in the process
        list or the shell history; they are stored as scrypt hashes in web-users.json (mode 0600)
        in the node directory. A running server sees changes at the next login.
        """,
        examples: ["printf '%s\\n' \"$PASSWORD\" | agora users add alice", "agora users remove alice", "agora users list"],
        subcommands: [add, passwd, remove, list])

    static let add = CommandSpec(
        "add", summary: "Add an account (the password is read from standard input)",
        positionals: [PositionalSpec("NAME", help: "2 to 32 of a-z 0-9 . _ -, starting with a letter")],
        examples: ["printf '%s\\n' \"$PASSWORD\" | agora users add alice"],
        action: { context in try setPassword(context, mustExist: false) })

    static let passwd = CommandSpec(
        "passwd", summary: "Set a new password for an account (read from standard input)",
        positionals: [PositionalSpec("NAME", help: "The user name")],
        examples: ["printf '%s\\n' \"$PASSWORD\" | agora users passwd alice"],
        action: { context in try setPassword(context, mustExist: true) })

    static let remove = CommandSpec(
        "remove", summary: "Remove an account (its sessions end at the next request)",
        positionals: [PositionalSpec("NAME", help: "The user name")],
        examples: ["agora users remove alice"],
        action: { context in
            let name = try context.arguments.required("NAME")
            let directory = try nodeRoot(context)
            var accounts = try StaffAccounts.load(from: directory)
            guard accounts.remove(name) else { throw CLIError.failure("no user '\(name)'") }
            try accounts.save(to: directory)
            context.out.line("removed user \(name)")
            return .success
        })

    static let list = CommandSpec(
        "list", summary: "List the accounts",
        examples: ["agora users list"],
        action: { context in
            let accounts = try StaffAccounts.load(from: try nodeRoot(context))
            for name in accounts.hashes.keys.sorted() { context.out.line(name) }
            return .success
        })

    static func setPassword(_ context: CommandContext, mustExist: Bool) throws -> ExitCode {
        let name = try context.arguments.required("NAME")
        let directory = try nodeRoot(context)
        var accounts = try StaffAccounts.load(from: directory)
        if mustExist && accounts.hashes[name] == nil { throw CLIError.failure("no user '\(name)' (add it with 'agora users add')") }
        if !mustExist && accounts.hashes[name] != nil { throw CLIError.failure("user '\(name)' exists (use 'agora users passwd')") }
        let input = try context.readInput(nil).bytes
        let password = String(decoding: input, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        } ?? ""
        do {
            try accounts.setPassword(password, for: name)
        } catch let error as CryptoError {
            throw CLIError.failure(error.message)
        } catch let error as NodeError {
            throw CLIError.failure(error.message)
        }
        try accounts.save(to: directory)
        context.out.line(mustExist ? "changed the password of \(name)" : "added user \(name)")
        return .success
    }

    /// The node directory, which must exist.
    static func nodeRoot(_ context: CommandContext) throws -> URL {
        let root = context.nodeDirectory.root
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("node.json").path) else {
            throw CLIError.environment("\(root.path) is not a node directory (no node.json); run 'agora init' first")
        }
        return root
    }
}
