import DataChannel
import Testing

struct SessionCipherTests {
    @Test func aesGCMMatchesTheGCMSpecificationVectors() throws {
        // "The Galois/Counter Mode of Operation", test cases 13 and 14: zero key and nonce.
        let key = [UInt8](repeating: 0, count: 32), nonce = [UInt8](repeating: 0, count: 12)
        #expect(hexString(try AESGCM.seal([], key: key, nonce: nonce)) == hexString(nonce) + "530f8afbc74536b9a963b4f1c4cb738b")
        #expect(hexString(try AESGCM.seal([UInt8](repeating: 0, count: 16), key: key, nonce: nonce))
                == hexString(nonce) + "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919")
    }

    @Test func clientAndAgentUseTheDataKeyHalvesCrosswise() throws {
        let dataKey = (0..<64).map { UInt8($0) }
        let client = try SessionCipher.client(dataKey: dataKey)
        let agent = try SessionCipher.agent(dataKey: dataKey)
        #expect(client.decryptionKey == Array(dataKey[0..<32]) && client.encryptionKey == Array(dataKey[32..<64]))
        #expect(agent.encryptionKey == client.decryptionKey && agent.decryptionKey == client.encryptionKey)
        let sealed = agent.encrypt(Array("output".utf8))
        #expect(sealed.count == 12 + 6 + 16)
        #expect(try client.decrypt(sealed) == Array("output".utf8))
        #expect(try agent.decrypt(client.encrypt(Array("stdin".utf8))) == Array("stdin".utf8))
        #expect(throws: DataChannelError.decryptionFailed) { try client.decrypt(client.encrypt([1])) }
    }

    @Test func tamperingIsDetected() throws {
        let cipher = try SessionCipher.client(dataKey: AESGCM.randomBytes(64))
        let peer = try SessionCipher(encryptionKey: cipher.decryptionKey, decryptionKey: cipher.encryptionKey)
        let sealed = peer.encrypt(Array("attack at dawn".utf8))
        for index in [0, 11, 12, 20, sealed.count - 1] {
            var tampered = sealed
            tampered[index] ^= 0x01
            #expect(throws: DataChannelError.decryptionFailed) { try cipher.decrypt(tampered) }
        }
        #expect(throws: DataChannelError.decryptionFailed) { try cipher.decrypt(Array(sealed.prefix(27))) }
        #expect(try cipher.decrypt(sealed) == Array("attack at dawn".utf8))
    }

    @Test func keysMustHaveTheirLengths() {
        #expect(throws: DataChannelError.invalidKeyLength(32)) { try SessionCipher.client(dataKey: AESGCM.randomBytes(32)) }
        #expect(throws: DataChannelError.invalidKeyLength(16)) {
            try SessionCipher(encryptionKey: AESGCM.randomBytes(16), decryptionKey: AESGCM.randomBytes(32))
        }
    }
}

struct UTF8ChunkerTests {
    @Test func cutsASCIIAt1024() {
        var chunker = UTF8Chunker()
        #expect(chunker.append([UInt8](repeating: 0x61, count: 3000)).map(\.count) == [1024, 1024, 952])
    }

    @Test func neverSplitsACharacter() {
        var chunker = UTF8Chunker()
        let bytes = [UInt8](repeating: 0x61, count: 1023) + Array("é€".utf8)
        let chunks = chunker.append(bytes)
        #expect(chunks.map(\.count) == [1023, 5])
        #expect(chunks[1] == Array("é€".utf8))
    }

    @Test func holdsAnIncompleteCharacterUntilTheRestArrives() {
        var chunker = UTF8Chunker()
        #expect(chunker.append(Array("a".utf8) + [0xE2, 0x82]) == [[0x61]])
        #expect(chunker.heldBytes == 2)
        #expect(chunker.append([0xAC]) == [Array("€".utf8)])
        #expect(chunker.append([0xF0, 0x9F]).isEmpty)
        #expect(chunker.finish() == [[0xF0, 0x9F]])
    }

    @Test func bytesThatAreNotUTF8AreCutAtTheLimit() {
        var chunker = UTF8Chunker()
        #expect(chunker.append([UInt8](repeating: 0x80, count: 2048)).map(\.count) == [1024, 1024])
    }

    @Test func anyReadPatternKeepsTheBytesAndTheCharacters() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "é", "€", "😀", "\r\n"]
        let text = (0..<5000).map { _ in alphabet.randomElement(using: &generator)! }.joined()
        let bytes = Array(text.utf8)
        var chunker = UTF8Chunker()
        var chunks: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            let length = Int.random(in: 1...1500, using: &generator)
            chunks += chunker.append(bytes[offset..<min(offset + length, bytes.count)])
            offset += length
        }
        chunks += chunker.finish()
        #expect(chunks.joined().elementsEqual(bytes))
        #expect(chunks.allSatisfy { $0.count <= 1024 && String(validatingUTF8Bytes: $0) != nil })
    }
}

extension String {
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        guard let string = String(validating: bytes, as: UTF8.self) else { return nil }
        self = string
    }
}
