import Foundation

/// Standard base64 (RFC 4648 §4, with padding), as fingerprints and pins use it.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
