import Foundation

/// Errors about the value a command built from its options, said in terms of those options.
///
/// A refusal names the JSON path inside the signed change (`ops[0].value.url`), which a person
/// who typed `--url ftp://x` never wrote. The same text comes back whether the CLI signed or the
/// running server did, so the path is mapped in the message itself.
enum OptionPaths {
    /// `error` as a ``CLIError`` whose message names the option instead of the change path.
    ///
    /// - Parameter options: the member of the operation's value (`url`) and the option that set it (`--url`).
    static func naming(_ error: any Error, options: [String: String]) -> CLIError {
        let translated = ErrorTranslation.cliError(for: error)
        guard let message = rewrite(translated.message, options: options) else { return translated }
        return CLIError(translated.exitCode, message, cause: error)
    }

    /// `tirana/practice/x: schema-violation: ops[0].value: ops[0].value.url: expected …` becomes
    /// `tirana/practice/x: --url: expected …`; nil when the message names no mapped member.
    static func rewrite(_ message: String, options: [String: String]) -> String? {
        let marker = "ops[0].value."
        guard let found = message.range(of: marker, options: .backwards) else { return nil }
        let rest = message[found.upperBound...]
        let member = String(rest.prefix { $0.isLetter || $0.isNumber })
        guard let option = options[member], let reason = rest.range(of: ": ") else { return nil }
        let record = message.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return "\(record): \(option): \(rest[reason.upperBound...])"
    }
}
