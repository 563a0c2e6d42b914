/// The state's canonical bytes written straight from its dictionaries, with no `JSONValue`
/// tree in between: member names in the fixed order RFC 8785 gives them, byte for byte
/// `CanonicalJSON.encode(json)` (a property test holds them equal).
extension RecordState: JSONSerializable {
    func write<Sink: JSONByteSink>(to out: inout JSONSerializer<Sink>) {
        out.writeRaw(#"{"changes":["#)
        for (position, status) in changes.enumerated() {
            if position > 0 { out.writeRaw(",") }
            status.write(to: &out)
        }
        out.writeRaw(#"],"contributions":{"#)
        for (position, city) in contributions.keys.sorted(by: JSONKeyOrder.precedes).enumerated() {
            if position > 0 { out.writeRaw(",") }
            out.writeString(city)
            out.writeRaw(":")
            out.writeObject(contributions[city] ?? [:])
        }
        out.writeRaw(#"},"deleted":"#)
        out.writeRaw(isDeleted ? "true" : "false")
        out.writeRaw(#","fields":"#)
        out.writeObject(fields)
        out.writeRaw(#","kind":"#)
        out.writeString(record.kind.rawValue)
        out.writeRaw(#","owner":"#)
        out.writeString(owner)
        out.writeRaw(#","record":"#)
        out.writeString(record.description)
        out.writeRaw(#","sets":"#)
        writeSets(to: &out)
        out.writeRaw(#","updated":"#)
        if let updated { updated.write(to: &out) } else { out.writeRaw("null") }
        out.writeRaw("}")
    }

    /// `{field: {element: ["<change id>:<index>", ...]}}`, names sorted, tags in their order.
    private func writeSets<Sink: JSONByteSink>(to out: inout JSONSerializer<Sink>) {
        out.writeRaw("{")
        for (position, field) in sets.keys.sorted(by: JSONKeyOrder.precedes).enumerated() {
            if position > 0 { out.writeRaw(",") }
            out.writeString(field)
            out.writeRaw(":{")
            let elements = sets[field] ?? [:]
            for (index, element) in elements.keys.sorted(by: JSONKeyOrder.precedes).enumerated() {
                if index > 0 { out.writeRaw(",") }
                out.writeString(element)
                out.writeRaw(":[")
                for (number, tag) in (elements[element] ?? []).sorted().enumerated() {
                    if number > 0 { out.writeRaw(",") }
                    out.writeString(tag.description)
                }
                out.writeRaw("]")
            }
            out.writeRaw("}")
        }
        out.writeRaw("}")
    }
}

extension ChangeStatus {
    /// The change's entry in a state's `changes`, as `json` would be written.
    func write<Sink: JSONByteSink>(to out: inout JSONSerializer<Sink>) {
        out.writeRaw(#"{"city":"#)
        out.writeString(city)
        out.writeRaw(#","hlc":"#)
        hlc.write(to: &out)
        out.writeRaw(#","id":"#)
        out.writeString(id.hex)
        out.writeRaw(#","key":"#)
        out.writeString(key)
        switch outcome {
        case .effective:
            out.writeRaw(#","status":"effective""#)
        case .ineffective(let reason):
            out.writeRaw(#","reason":{"code":"#)
            out.writeString(reason.code)
            out.writeRaw(#","message":"#)
            out.writeString(reason.message)
            out.writeRaw(#"},"status":"ineffective""#)
        case .redacted(let by):
            out.writeRaw(#","redactedBy":["#)
            for (position, id) in by.enumerated() {
                if position > 0 { out.writeRaw(",") }
                out.writeString(id.hex)
            }
            out.writeRaw(#"],"status":"redacted""#)
        }
        if !unsupported.isEmpty {
            out.writeRaw(#","unsupported":["#)
            for (position, index) in unsupported.enumerated() {
                if position > 0 { out.writeRaw(",") }
                out.writeNumber(Double(index))
            }
            out.writeRaw("]")
        }
        out.writeRaw("}")
    }
}

extension HLCTimestamp {
    /// `[ms,counter]`, as `json` would be written.
    func write<Sink: JSONByteSink>(to out: inout JSONSerializer<Sink>) {
        out.writeRaw("[")
        out.writeNumber(Double(milliseconds))
        out.writeRaw(",")
        out.writeNumber(Double(counter))
        out.writeRaw("]")
    }
}
