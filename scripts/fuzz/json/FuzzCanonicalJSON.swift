// libFuzzer entry point for AgoraCore's canonical JSON (see protocol/CANONICAL-JSON.md).
// Built by scripts/fuzz/json/run together with Sources/AgoraCore/JSON/*.swift.
//
// Every input must either be refused with a JSONError whose offset lies inside the input,
// identically by decode and canonicalize, or be accepted with these properties:
//   canonicalize(x) == encode(decode(x))          (the tape and the value agree)
//   canonicalize(canonicalize(x)) == canonicalize(x)  (a fixed point)
//   decode(canonicalize(x)) == decode(x)          (nothing lost)
// A broken property traps, which libFuzzer reports as a crash with the input saved.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCanonicalJSON(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: size))
    let limits = JSONLimits(maxBytes: 1 << 20, maxDepth: 96)
    let decoded: JSONValue
    do {
        decoded = try CanonicalJSON.decode(bytes, limits: limits)
    } catch let error as JSONError {
        precondition(error.offset >= 0 && error.offset <= size, "offset \(error.offset) outside the input")
        do {
            _ = try CanonicalJSON.canonicalize(bytes, limits: limits)
            preconditionFailure("canonicalize accepted what decode refused: \(error)")
        } catch let other as JSONError {
            precondition(other == error, "decode: \(error) but canonicalize: \(other)")
        } catch {
            preconditionFailure("not a JSONError: \(error)")
        }
        return 0
    } catch {
        preconditionFailure("not a JSONError: \(error)")
    }
    do {
        let canonical = try CanonicalJSON.canonicalize(bytes, limits: limits)
        precondition(canonical == CanonicalJSON.encode(decoded), "tape and value disagree")
        let again = try CanonicalJSON.canonicalize(canonical, limits: limits)
        precondition(again == canonical, "not a fixed point")
        let redecoded = try CanonicalJSON.decode(canonical, limits: limits)
        precondition(redecoded == decoded, "value changed")
        _ = JSONWriter.pretty(decoded)
    } catch {
        preconditionFailure("accepted input failed later: \(error)")
    }
    return 0
}
