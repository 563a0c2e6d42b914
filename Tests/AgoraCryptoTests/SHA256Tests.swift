import Foundation
import Testing
import AgoraCrypto

@Suite struct SHA256Tests {
    @Test func knownDigestsFromFIPS180() {
        #expect(hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(hex(SHA256.hash(twoBlocks)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func hasherStartsOverAfterEachFinalize() throws {
        let hasher = try SHA256.Hasher()
        let message = Array("abc".utf8)
        let first = hasher.hash(message)
        let second = hasher.hash(message)
        #expect(first == second)
        #expect(first == SHA256.hash(message))
    }

    @Test func hasherFedInPiecesMatchesOneShot() throws {
        let hasher = try SHA256.Hasher()
        var message: [UInt8] = []
        for length in 0..<300 {
            let piece = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
            hasher.update(piece)
            message += piece
        }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test func hashIsCorrectFromManyThreadsThatComeAndGo() async {
        // Each thread gets its own reusable context, freed when the thread exits.
        let lock = NSLock()
        nonisolated(unsafe) var wrong = 0
        let group = DispatchGroup()
        for index in 0..<8 {
            group.enter()
            let thread = Thread {
                for round in 0..<200 {
                    let message = Array("thread \(index) round \(round)".utf8)
                    let digest = SHA256.hash(message)
                    let hasher = try? SHA256.Hasher()
                    if digest != hasher?.hash(message) || digest.count != SHA256.byteCount {
                        lock.lock(); wrong += 1; lock.unlock()
                    }
                }
                group.leave()
            }
            thread.start()
        }
        // Waits without blocking the cooperative pool.
        await withCheckedContinuation { continuation in group.notify(queue: .global()) { continuation.resume() } }
        #expect(lock.withLock { wrong } == 0)
        #expect(hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func millionAs() throws {
        let hasher = try SHA256.Hasher()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct SecureRandomTests {
    @Test func returnsTheRequestedCountAndDiffersBetweenCalls() throws {
        let a = try SecureRandom.bytes(count: 32)
        let b = try SecureRandom.bytes(count: 32)
        #expect(a.count == 32)
        #expect(a != b)
        #expect(try SecureRandom.bytes(count: 0).isEmpty)
    }

    @Test func refusesCountsOutsideTheLimit() {
        #expect(throws: CryptoError.self) { try SecureRandom.bytes(count: -1) }
        #expect(throws: CryptoError.self) { try SecureRandom.bytes(count: SecureRandom.maximumByteCount + 1) }
        #expect((try? SecureRandom.bytes(count: SecureRandom.maximumByteCount))?.count == SecureRandom.maximumByteCount)
    }
}
