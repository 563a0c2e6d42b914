/// A parsed document as a flat list of nodes in document order, pointing into the input.
///
/// The parser writes it without building any `String`, `Array` or `Dictionary`, so
/// canonicalizing costs a walk over it, and decoding builds each value exactly once.
/// Object members are sorted in canonical order (and checked for duplicates) when the
/// object closes; `memberOrder` holds the key node indices in that order.
struct JSONTape {
    enum Kind: UInt8 {
        case null, `true`, `false`, number, string, array, object
    }

    /// One value, or one member name (a `.string` node directly followed by its value).
    struct Node {
        var kind: Kind
        /// `Node.escaped`, `Node.nonASCII` for strings; `Node.canonicalText` for numbers.
        var flags: UInt8 = 0
        /// Strings: the raw content between the quotes. Numbers: the token. Containers: the bracket.
        var start: Int
        var end: Int
        /// The index of the first node after this value's subtree.
        var next = 0
        /// Strings with escapes: the unescaped range in `unescaped`. Numbers: `a` holds the
        /// double's bit pattern. Arrays: `b` is the element count. Objects: members are
        /// `memberOrder[a ..< a + b]`.
        var a = 0
        var b = 0

        /// The string holds at least one backslash escape.
        static let escaped: UInt8 = 1
        /// The string's content (after unescaping) holds a byte at or above 0x80.
        static let nonASCII: UInt8 = 2
        /// The number's token is already its canonical form (a plain integer below 2^53).
        static let canonicalText: UInt8 = 4
    }

    var nodes: [Node] = []
    var memberOrder: [Int] = []
    /// The contents of strings with escapes, unescaped into UTF-8.
    var unescaped: [UInt8] = []
    /// How many numbers are not `canonicalText`: each may print longer than its token.
    var formattedNumbers = 0

    /// The most bytes one formatted number can take: `-0.0000012345678901234567` is 25.
    static let maxFormattedNumberLength = 32

    /// An upper bound on the canonical length: strings and literals never grow, and
    /// whitespace goes; only numbers can (`1e20` prints 21 digits).
    func canonicalLengthBound(inputCount: Int) -> Int {
        inputCount + formattedNumbers * JSONTape.maxFormattedNumberLength
    }

    init(capacityFor byteCount: Int) {
        nodes.reserveCapacity(min(byteCount / 6 + 4, 1 << 16))
    }
}

/// Read access to a finished tape together with the input bytes it points into.
/// It holds only pointers, valid inside `JSONTape.withReader`.
struct JSONTapeReader {
    let nodes: UnsafeBufferPointer<JSONTape.Node>
    let memberOrder: UnsafeBufferPointer<Int>
    let input: UnsafeBufferPointer<UInt8>
    let unescaped: UnsafeBufferPointer<UInt8>

    /// The UTF-8 content of the string node at `index`, unescaped.
    @inline(__always)
    func content(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let node = nodes[index]
        if node.flags & JSONTape.Node.escaped != 0 {
            return UnsafeBufferPointer(rebasing: unescaped[node.a..<node.b])
        }
        return UnsafeBufferPointer(rebasing: input[node.start..<node.end])
    }

    /// The members of the object node at `index`, as key node indices in canonical order.
    @inline(__always)
    func members(_ node: JSONTape.Node) -> UnsafeBufferPointer<Int> {
        UnsafeBufferPointer(rebasing: memberOrder[node.a..<(node.a + node.b)])
    }
}

extension JSONTape {
    /// Runs `body` with a reader over this tape and `input`.
    @inline(__always)
    func withReader<R, E: Error>(input: UnsafeBufferPointer<UInt8>, _ body: (JSONTapeReader) throws(E) -> R) throws(E) -> R {
        try nodes.withUnsafeBufferPointer { (nodes) throws(E) -> R in
            try memberOrder.withUnsafeBufferPointer { (order) throws(E) -> R in
                try unescaped.withUnsafeBufferPointer { (side) throws(E) -> R in
                    try body(JSONTapeReader(nodes: nodes, memberOrder: order, input: input, unescaped: side))
                }
            }
        }
    }
}
