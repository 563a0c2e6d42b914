extension JSONParser {
    /// Parses the number at `index` (RFC 8259 §6) and appends its node.
    mutating func parseNumber() throws(JSONError) {
        let start = index
        let value = try scanNumber()
        var node = JSONTape.Node(kind: .number, start: start, end: index, next: tape.nodes.count + 1, a: Int(bitPattern: UInt(value.bitPattern)))
        if isPlainInteger(start: start, value: value) {
            node.flags = JSONTape.Node.canonicalText
        } else {
            tape.formattedNumbers += 1
        }
        tape.nodes.append(node)
    }

    /// Whether the token is `0` or `-`?[1-9][0-9]* below 2^53 in magnitude: then it is
    /// already its own ECMAScript form.
    private func isPlainInteger(start: Int, value: Double) -> Bool {
        guard value.magnitude < 9_007_199_254_740_992, value.rounded(.towardZero) == value, index - start <= 17 else { return false }
        if value == 0 { return index - start == 1 }
        for position in start..<index where bytes[position] == UInt8(ascii: ".") || bytes[position] | 0x20 == UInt8(ascii: "e") {
            return false
        }
        return true
    }

    /// Scans the number at `index` (RFC 8259 §6) into the nearest IEEE-754 double.
    ///
    /// Up to 15 significant digits with a decimal exponent within ±22 convert exactly
    /// with one multiplication or division (Clinger's fast path). Anything else goes to
    /// the standard library's correctly rounded conversion of the checked text.
    private mutating func scanNumber() throws(JSONError) -> Double {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "I") { try refuseNonFiniteLiteral(at: start) }
        }
        var digits = DigitAccumulator()
        try scanInteger(into: &digits, numberStart: start)
        try scanFraction(into: &digits)
        var exponent = 0
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            exponent = try scanExponent()
        }
        if let exact = digits.exactValue(exponent: exponent) {
            return negative ? -exact : exact
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONError(code: .numberOutOfRange, offset: start,
                            message: "the number \(Self.quoted(text)) is beyond the range of an IEEE-754 double")
        }
        return value
    }

    /// The integer part: `0`, or a non-zero digit and more digits.
    private mutating func scanInteger(into digits: inout DigitAccumulator, numberStart: Int) throws(JSONError) {
        guard index < bytes.count else {
            throw error(.unexpectedEnd, "the input ended where the digits of a number were expected")
        }
        let first = bytes[index]
        if first == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw JSONError(code: .leadingZero, offset: numberStart, message: "a number may not have a leading zero")
            }
            return
        }
        guard isDigit(first) else {
            throw error(.invalidNumber, "\(describeByte()) where a digit was expected in a number")
        }
        _ = try scanDigits(into: &digits, fraction: false)
    }

    /// The optional `.` and its digits, of which there must be at least one.
    private mutating func scanFraction(into digits: inout DigitAccumulator) throws(JSONError) {
        guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return }
        index += 1
        guard try scanDigits(into: &digits, fraction: true) > 0 else {
            if index >= bytes.count { throw error(.unexpectedEnd, "the input ended where a digit was expected after the decimal point") }
            throw error(.invalidNumber, "\(describeByte()) where a digit was expected after the decimal point")
        }
    }

    /// Consumes a run of digits, and returns how many there were.
    private mutating func scanDigits(into digits: inout DigitAccumulator, fraction: Bool) throws(JSONError) -> Int {
        let start = index
        while index < bytes.count, isDigit(bytes[index]) {
            digits.add(bytes[index] &- UInt8(ascii: "0"), fraction: fraction)
            index += 1
        }
        return index - start
    }

    /// The exponent after `e` or `E`, saturated far beyond any double's range.
    private mutating func scanExponent() throws(JSONError) -> Int {
        index += 1
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else {
            if index >= bytes.count { throw error(.unexpectedEnd, "the input ended where the digits of an exponent were expected") }
            throw error(.invalidNumber, "\(describeByte()) where a digit of the exponent was expected")
        }
        var value = 0
        while index < bytes.count, isDigit(bytes[index]) {
            value = min(value * 10 + Int(bytes[index] &- UInt8(ascii: "0")), 1_000_000)
            index += 1
        }
        return negative ? -value : value
    }

    /// Refuses `NaN`, `Infinity` and `-Infinity` by name, with a clearer message than
    /// "unexpected byte".
    mutating func refuseNonFiniteLiteral(at start: Int) throws(JSONError) {
        for literal in ["NaN", "Infinity", "-Infinity"] {
            let utf8 = literal.utf8
            guard start + utf8.count <= bytes.count else { continue }
            if UnsafeBufferPointer(rebasing: bytes[start..<(start + utf8.count)]).elementsEqual(utf8) {
                throw JSONError(code: .nonFinite, offset: start,
                                message: "\(literal) is not JSON: numbers must be finite (RFC 8259 §6)")
            }
        }
    }
}

@inline(__always)
private func isDigit(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "0") < 10
}

/// The significant digits of a number as it is scanned, for the exact fast path.
private struct DigitAccumulator {
    /// Powers of ten that a double holds exactly.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
    private var mantissa: UInt64 = 0
    private var significant = 0
    private var fractionDigits = 0

    @inline(__always)
    mutating func add(_ digit: UInt8, fraction: Bool) {
        if fraction { fractionDigits += 1 }
        if significant == 0, digit == 0 { return }
        significant += 1
        if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(digit) }
    }

    /// The value when it is exactly computable with one rounding, else nil.
    func exactValue(exponent: Int) -> Double? {
        if mantissa == 0, significant == 0 { return 0 }
        guard significant <= 15 else { return nil }
        let scale = exponent - fractionDigits
        guard scale >= -22, scale <= 22 else { return nil }
        let value = Double(mantissa)
        return scale >= 0 ? value * Self.powersOfTen[scale] : value / Self.powersOfTen[-scale]
    }
}
