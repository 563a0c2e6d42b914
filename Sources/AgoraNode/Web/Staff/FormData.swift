import AgoraHTTP
import Foundation

/// The fields of an `application/x-www-form-urlencoded` body and the cookies of a request.
struct FormData: Sendable {
    /// The most bytes of a form body read.
    static let maximumBytes = 256 * 1024

    private let items: [HTTPQueryItem]

    /// The fields of `request`'s body (empty when it is not a form or is too large).
    init(_ request: HTTPRequest) {
        let type = request.headers["Content-Type"]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded"), request.body.count <= Self.maximumBytes else {
            items = []
            return
        }
        items = HTTPRequest(method: .get, target: "/?" + String(decoding: request.body, as: UTF8.self)).queryItems
    }

    /// The first value of `name`, with line breaks as `\n`.
    subscript(name: String) -> String? {
        items.first { $0.name == name }?.value.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Every value of `name` (checkboxes).
    func all(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    /// The value of cookie `name` in `request`.
    static func cookie(_ name: String, in request: HTTPRequest) -> String? {
        for header in request.headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == name { return parts[1] }
            }
        }
        return nil
    }
}
