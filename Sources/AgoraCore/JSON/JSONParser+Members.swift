extension JSONParser {
    /// Sorts the members of the object that just closed into canonical order, refuses
    /// duplicate names, and appends the order to `tape.memberOrder`.
    ///
    /// Duplicates are found when the object closes. Of several, the error names the
    /// member whose name repeats an earlier one and comes first in the document.
    mutating func orderMembers(from first: Int) throws(JSONError) {
        let count = openMembers.count - first
        guard count > 0 else { return }
        var anyNonASCII = false
        for member in openMembers[first...] where tape.nodes[member].flags & JSONTape.Node.nonASCII != 0 {
            anyNonASCII = true
            break
        }
        let duplicate = tape.withReader(input: bytes) { (reader) -> (repeat: Int, earlier: Int)? in
            // Already in strictly increasing order (as in any canonical document): nothing
            // to sort, and ASCII names in strict order cannot repeat.
            if !anyNonASCII && Self.isStrictlyOrdered(openMembers[first...], reader) { return nil }
            if count > 1 {
                openMembers[first...].sort { left, right in
                    let order = JSONKeyOrder.compare(reader.content(left), reader.content(right))
                    return order != 0 ? order < 0 : left < right
                }
            }
            let members = openMembers[first...]
            return anyNonASCII ? Self.firstEquivalentRepeat(members, reader) : Self.firstExactRepeat(members, reader)
        }
        if let duplicate {
            throw duplicateKeyError(duplicate)
        }
        tape.memberOrder.append(contentsOf: openMembers[first...])
    }

    /// Whether each member name sorts strictly after the one before it.
    private static func isStrictlyOrdered(_ members: ArraySlice<Int>, _ reader: JSONTapeReader) -> Bool {
        var previous = members.first ?? 0
        for member in members.dropFirst() {
            guard JSONKeyOrder.compare(reader.content(previous), reader.content(member)) < 0 else { return false }
            previous = member
        }
        return true
    }

    /// Among sorted members, the earliest (in the document) that equals its predecessor.
    private static func firstExactRepeat(_ sorted: ArraySlice<Int>, _ reader: JSONTapeReader) -> (repeat: Int, earlier: Int)? {
        var found: (repeat: Int, earlier: Int)?
        var previous = sorted.first ?? 0
        for member in sorted.dropFirst() {
            if reader.content(member).elementsEqual(reader.content(previous)), member < (found?.repeat ?? .max) {
                found = (member, previous)
            }
            previous = member
        }
        return found
    }

    /// As `firstExactRepeat`, where names also repeat when canonically equivalent.
    private static func firstEquivalentRepeat(_ members: ArraySlice<Int>, _ reader: JSONTapeReader) -> (repeat: Int, earlier: Int)? {
        var seen: [String: Int] = [:]
        seen.reserveCapacity(members.count)
        for member in members.sorted() {
            let name = String(decoding: reader.content(member), as: UTF8.self)
            if let earlier = seen.updateValue(member, forKey: name) { return (member, earlier) }
        }
        return nil
    }

    private func duplicateKeyError(_ duplicate: (repeat: Int, earlier: Int)) -> JSONError {
        tape.withReader(input: bytes) { reader in
            let name = String(decoding: reader.content(duplicate.repeat), as: UTF8.self)
            let earlier = String(decoding: reader.content(duplicate.earlier), as: UTF8.self)
            let offset = tape.nodes[duplicate.repeat].start - 1
            let earlierOffset = tape.nodes[duplicate.earlier].start - 1
            if reader.content(duplicate.repeat).elementsEqual(reader.content(duplicate.earlier)) {
                return JSONError(code: .duplicateKey, offset: offset,
                                 message: "the member name \(Self.quoted(name)) repeats the one at byte \(earlierOffset) in the same object")
            }
            return JSONError(code: .duplicateKey, offset: offset,
                             message: "the member name \(Self.quoted(name)) is canonically equivalent to \(Self.quoted(earlier)) at byte \(earlierOffset)")
        }
    }
}
