/// Lowercase hex of `bytes`.
func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// The bytes of a hex string; traps on bad input, which only tests supply.
func bytes(hex text: String) -> [UInt8] {
    let chars = Array(text.utf8)
    return stride(from: 0, to: chars.count, by: 2).map { index in
        UInt8(String(decoding: chars[index..<index + 2], as: UTF8.self), radix: 16)!
    }
}
