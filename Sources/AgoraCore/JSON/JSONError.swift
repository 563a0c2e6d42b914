/// Why a JSON document was refused, and where.
///
/// Every refusal names the byte offset (0-based, into the input) of the first byte
/// of the fault and says what was wrong in plain words. The codes are listed in
/// `protocol/CANONICAL-JSON.md`, "Error codes".
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of fault. A struct with static members, so that new kinds never
    /// break a caller's `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable name of the code, as written in `protocol/CANONICAL-JSON.md`.
        public let name: String

        init(_ name: String) { self.name = name }

        /// The code's stable name.
        public var description: String { name }

        /// A byte sequence that is not UTF-8 (RFC 3629): an overlong form, a surrogate
        /// encoded in UTF-8, a code point above U+10FFFF, a stray or missing continuation byte.
        public static let invalidUTF8 = Code("invalidUTF8")
        /// A `\uD800`–`\uDFFF` escape that is not one half of a high-low pair.
        public static let loneSurrogate = Code("loneSurrogate")
        /// An object member name that repeats an earlier one (after unescaping), or is
        /// canonically equivalent to one under Unicode.
        public static let duplicateKey = Code("duplicateKey")
        /// A `NaN`, `Infinity` or `-Infinity` literal; or, when encoding, a non-finite number.
        public static let nonFinite = Code("nonFinite")
        /// A number whose nearest IEEE-754 double is infinite (for example `1e400`).
        public static let numberOutOfRange = Code("numberOutOfRange")
        /// A number that breaks the RFC 8259 grammar (`1.`, `-`, `1e+`).
        public static let invalidNumber = Code("invalidNumber")
        /// A number with a superfluous leading zero (`01`, `-00.5`).
        public static let leadingZero = Code("leadingZero")
        /// Arrays and objects nested deeper than `JSONLimits.maxDepth`.
        public static let tooDeep = Code("tooDeep")
        /// A document longer than `JSONLimits.maxBytes`.
        public static let tooLarge = Code("tooLarge")
        /// Something other than whitespace after the document's value.
        public static let trailingGarbage = Code("trailingGarbage")
        /// The input ended inside a value, or held no value at all.
        public static let unexpectedEnd = Code("unexpectedEnd")
        /// A byte that cannot appear where it does.
        public static let unexpectedByte = Code("unexpectedByte")
        /// A backslash escape that RFC 8259 does not define, or a `\u` without four hex digits.
        public static let invalidEscape = Code("invalidEscape")
        /// A raw control character (U+0000–U+001F) inside a string.
        public static let controlCharacter = Code("controlCharacter")
        /// A UTF-8 byte order mark at the start of the document.
        public static let byteOrderMark = Code("byteOrderMark")
    }

    /// The kind of fault.
    public let code: Code
    /// The 0-based byte offset of the fault in the input (for encoding: in the output).
    public let offset: Int
    /// What was wrong, in plain words.
    public let message: String

    /// Makes an error. Public so that layers above can re-raise with their own offset.
    public init(code: Code, offset: Int, message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// `invalid JSON at byte <offset>: <message> [<code>]`, as the CLI prints it.
    public var description: String {
        "invalid JSON at byte \(offset): \(message) [\(code.name)]"
    }
}
