import Hashing
import Testing

/// The published test vectors: FIPS 180-2 (SHA-256), RFC 1321 (MD5), RFC 4231 (HMAC-SHA-256).
@Suite("Hashes through libcrypto")
struct HashTests {
  @Test func sha256OfTheStandardMessages() {
    #expect(
      Hash.hex(Hash.sha256(Array("abc".utf8)))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      Hash.hex(Hash.sha256([]))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func md5OfTheStandardMessagesInOneCallAndInPieces() {
    #expect(Hash.hex(Hash.md5(Array("abc".utf8))) == "900150983cd24fb0d6963f7d28e17f72")
    #expect(Hash.hex(Hash.md5([])) == "d41d8cd98f00b204e9800998ecf8427e")
    var hasher = Hasher.md5()
    hasher.update(Array("message ".utf8))
    hasher.update(Array("digest".utf8))
    #expect(Hash.hex(hasher.finalize()) == "f96b697d7cb7938d525a2f31aaf161d0")
  }

  @Test func hmacSHA256OfRFC4231() {
    // Test case 2: a short key.
    #expect(
      Hash.hex(
        Hash.hmacSHA256(
          key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    // Test case 6: a 131-byte key, longer than the block, is hashed first.
    #expect(
      Hash.hex(
        Hash.hmacSHA256(
          key: [UInt8](repeating: 0xAA, count: 131),
          message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
        == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
  }
}
