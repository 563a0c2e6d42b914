import AgoraCore

/// The language tags the CLI takes from a person (`--lang`): a tag of `protocol/PROTOCOL.md` 1
/// (`[a-z]{2,3}(-[A-Za-z0-9]{1,8})*`, at most 35 bytes) whose subtags are also in the order of
/// RFC 5646 2.1: language, up to three extlangs, script, region, variants, extensions, private use.
///
/// The protocol's pattern lets `zz-invalid-tag-long` through; no BCP-47 reader would parse it
/// (`tag` cannot follow the variant `invalid`). What a city writes should be readable by
/// others, so the CLI refuses such a tag before it signs; changes from peers are judged by the
/// protocol's pattern alone.
enum LanguageTag {
    /// Throws a usage error naming `option` when `tag` is not acceptable.
    static func check(_ tag: String, option: String, command: [String]) throws {
        guard RecordField.isLanguageTag(tag) else {
            throw CLIError.usage("\(option) '\(tag)' is not a language tag: expected a lowercase language code and "
                + "optional subtags, such as en, sq, pt-BR or sr-Latn (protocol/PROTOCOL.md 1)", command: command)
        }
        if let problem = problem(in: tag) {
            throw CLIError.usage("\(option) '\(tag)' is not a well-formed BCP-47 tag: \(problem)", command: command)
        }
    }

    /// Why the subtags of `tag` are out of RFC 5646 order, or nil when they are in order.
    static func problem(in tag: String) -> String? {
        let subtags = tag.split(separator: "-").map { String($0).lowercased() }
        var stage = Stage.language, extlangs = 0, openSingleton: String?
        for (previous, subtag) in zip(subtags, subtags.dropFirst()) {
            let count = subtag.count, letters = subtag.allSatisfy(\.isLetter), digits = subtag.allSatisfy(\.isNumber)
            if stage == .privateUse { continue }
            if count == 1 {
                if let open = openSingleton { return "the singleton '\(open)' has no subtag after it" }
                stage = subtag == "x" ? .privateUse : .extension
                openSingleton = subtag == "x" ? nil : subtag
            } else if stage == .extension {
                openSingleton = nil
            } else if stage <= .extlang && letters && count == 3 && extlangs < 3 {
                stage = .extlang
                extlangs += 1
            } else if stage <= .extlang && letters && count == 4 {
                stage = .script
            } else if stage <= .script && ((letters && count == 2) || (digits && count == 3)) {
                stage = .region
            } else if stage <= .variant && ((5...8).contains(count) || (count == 4 && subtag.first?.isNumber == true)) {
                stage = .variant
            } else {
                return "'\(subtag)' cannot follow '\(previous)'"
            }
        }
        if let open = openSingleton { return "the singleton '\(open)' has no subtag after it" }
        return nil
    }

    /// Where in a tag a subtag stands, in RFC 5646 order.
    enum Stage: Int, Comparable {
        case language, extlang, script, region, variant, `extension`, privateUse
        static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
    }
}
