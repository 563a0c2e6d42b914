/// Formats doubles the way ECMAScript's `Number::toString` does (ES2019 §7.1.12.1),
/// as RFC 8785 §3.2.2.3 requires for canonical JSON.
///
/// The digits are the shortest that round-trip, and the closest to the value when
/// several are that short: exactly what Swift's `Double.description` produces. This
/// type only rearranges them into the ECMAScript layout. Proven on the 10,028 lines of
/// the RFC 8785 reference `numbers.txt` (see `protocol/CANONICAL-JSON.md`).
public enum ECMAScriptNumber {
    /// `value` as ECMAScript prints it: `0` for both zeros, `1e+21`, `1.5e-7`, `123.45`.
    ///
    /// Non-finite values give `NaN`, `Infinity` and `-Infinity` as in ECMAScript;
    /// canonical JSON never contains them.
    public static func format(_ value: Double) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The largest magnitude below which every integral double prints as its plain digits: 2^53.
    private static let exactIntegerBound: Double = 9_007_199_254_740_992

    /// Appends the ECMAScript form of `value` to `out`.
    static func append<Sink: JSONByteSink>(_ value: Double, to out: inout Sink) {
        guard value.isFinite else {
            if value.isNaN { out.appendASCII("NaN"); return }
            out.appendASCII(value < 0 ? "-Infinity" : "Infinity")
            return
        }
        if value == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        if magnitude < exactIntegerBound, magnitude.rounded(.towardZero) == magnitude {
            appendInteger(UInt64(magnitude), to: &out)
            return
        }
        var decimal = ShortestDecimal(magnitude)
        decimal.write(to: &out)
    }

    private static func appendInteger<Sink: JSONByteSink>(_ integer: UInt64, to out: inout Sink) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var value = integer
            var position = digits.count
            repeat {
                position -= 1
                digits[position] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            } while value != 0
            out.append(bytes: UnsafeBufferPointer(rebasing: digits[position...]))
        }
    }
}

/// A positive finite double as `0.d1d2…dk × 10^n`, with the shortest round-trip digits.
private struct ShortestDecimal {
    /// The significant digits, as ASCII, without leading or trailing zeros.
    var digits: [UInt8] = []
    /// The decimal exponent `n` of ES2019 §7.1.12.1.
    var pointPosition = 0

    init(_ magnitude: Double) {
        // Swift's description: "123.45", "0.001", "1e-07", "1.2345e+20", "5e-324".
        var exponent = 0, exponentNegative = false, inExponent = false
        var integerDigits = 0, seenPoint = false
        digits.reserveCapacity(20)
        for byte in magnitude.description.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    digits.append(byte)
                    if !seenPoint { integerDigits += 1 }
                }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"): inExponent = true
            case UInt8(ascii: "-"): exponentNegative = true
            default: break
            }
        }
        pointPosition = integerDigits + (exponentNegative ? -exponent : exponent)
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        digits.removeFirst(leadingZeros)
        pointPosition -= leadingZeros
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
    }

    /// Writes the number in the layout ES2019 §7.1.12.1 steps 6 to 10 choose.
    mutating func write<Sink: JSONByteSink>(to out: inout Sink) {
        let k = digits.count, n = pointPosition
        if k <= n, n <= 21 {
            appendDigits(digits[...], to: &out)
            for _ in 0..<(n - k) { out.append(UInt8(ascii: "0")) }
        } else if 0 < n, n <= 21 {
            appendDigits(digits[..<n], to: &out)
            out.append(UInt8(ascii: "."))
            appendDigits(digits[n...], to: &out)
        } else if -6 < n, n <= 0 {
            out.appendASCII("0.")
            for _ in 0..<(-n) { out.append(UInt8(ascii: "0")) }
            appendDigits(digits[...], to: &out)
        } else {
            out.append(digits[0])
            if k > 1 {
                out.append(UInt8(ascii: "."))
                appendDigits(digits[1...], to: &out)
            }
            out.appendASCII(n - 1 < 0 ? "e-" : "e+")
            var exponent = Array(String((n - 1).magnitude).utf8)
            exponent.withUnsafeMutableBufferPointer { out.append(bytes: UnsafeBufferPointer($0)) }
        }
    }

    private func appendDigits<Sink: JSONByteSink>(_ slice: ArraySlice<UInt8>, to out: inout Sink) {
        slice.withUnsafeBufferPointer { out.append(bytes: $0) }
    }
}
