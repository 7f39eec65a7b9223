import AWSSigner
import Foundation
import Testing

/// The OpenSSL-backed primitives against published vectors.
struct CryptoTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ])
    func sha256MatchesFIPSVectors(input: String, digest: String) {
        #expect(SHA256.hexDigest(input) == digest)
        #expect(SHA256.digest(Array(input.utf8)) == Hex.decode(digest))
    }

    /// RFC 4231 test case 2: a key shorter than the block, ASCII data.
    @Test func hmacMatchesRFC4231Case2() {
        let mac = HMAC.sha256(key: Array("Jefe".utf8), message: "what do ya want for nothing?")
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// RFC 4231 test case 1: a 20-byte binary key.
    @Test func hmacMatchesRFC4231Case1() {
        let mac = HMAC.sha256(key: [UInt8](repeating: 0x0B, count: 20), message: "Hi There")
        #expect(Hex.encode(mac) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func hmacAcceptsEmptyKeyAndMessage() {
        // Python: hmac.new(b"", b"", hashlib.sha256).hexdigest()
        #expect(Hex.encode(HMAC.sha256(key: [], message: [])) ==
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    /// AWS's worked example of deriving a signing key (secret from the docs, 2012-02-15,
    /// us-east-1, iam).
    @Test func signingKeyMatchesAWSExample() {
        let signer = SigV4Signer(
            credentials: Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1",
            service: "iam"
        )
        let date = Date(timeIntervalSince1970: 1_329_264_000)  // 2012-02-15 00:00:00 UTC
        #expect(Hex.encode(signer.signingKey(date: date)) ==
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    @Test func hexRoundTripsAndRejectsBadInput() {
        #expect(Hex.encode([0x00, 0x0A, 0xFF]) == "000aff")
        #expect(Hex.decode("000AfF") == [0x00, 0x0A, 0xFF])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.encode([]) == "")
    }

    @Test func amzDateIsUTCAndDropsFractions() {
        let date = AMZDate(Date(timeIntervalSince1970: 1_440_938_160.999))
        #expect(date.timestamp == "20150830T123600Z")
        #expect(date.day == "20150830")
        #expect(AMZDate(Date(timeIntervalSince1970: 0)).timestamp == "19700101T000000Z")
    }
}
