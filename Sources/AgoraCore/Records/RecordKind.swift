/// The three kinds of record a city publishes.
///
/// See `protocol/RECORDS.md`, "Fields".
public enum RecordKind: String, Sendable, Hashable, CaseIterable {
    /// Something a city does: an algorithm register, an open data portal, a migration.
    case practice
    /// A time-boxed trial with a hypothesis, an evaluation and results.
    case pilot
    /// A reusable resource: a guide, a procurement checklist, a self-assessment.
    case toolkit
}

/// A record's id, `<city>/<kind>/<slug>`, scoped by the owning city.
///
/// See `protocol/RECORDS.md`, "Fields" (`id`).
public struct RecordID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The owning city, e.g. `tirana`.
    public let city: String
    /// The kind named in the id.
    public let kind: RecordKind
    /// The slug, `[a-z0-9][a-z0-9-]{0,79}`.
    public let slug: String

    /// Parses `<city>/<kind>/<slug>`; `nil` when any part is malformed.
    public init?(_ text: String) {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(of: UInt8(ascii: "/")),
              let second = bytes[bytes.index(after: first)...].firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let city = String(text[..<first]), slug = String(text[text.index(after: second)...])
        guard RecordID.isCityID(city), let kind = RecordKind(rawValue: String(text[text.index(after: first)..<second])),
              RecordID.isSlug(slug) else { return nil }
        self.city = city
        self.kind = kind
        self.slug = slug
    }

    /// The id as text.
    public var description: String { "\(city)/\(kind.rawValue)/\(slug)" }

    public static func < (lhs: RecordID, rhs: RecordID) -> Bool { lhs.description < rhs.description }

    /// Whether `text` is a member city id: `[a-z][a-z0-9-]{1,39}`.
    public static func isCityID(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (2...40).contains(bytes.count), let first = bytes.first, isLower(first) else { return false }
        return bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// Whether `text` is a slug: `[a-z0-9][a-z0-9-]{0,79}`.
    public static func isSlug(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...80).contains(bytes.count), let first = bytes.first, isLower(first) || isDigit(first) else { return false }
        return bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    static func isLower(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
