import XCTest
import IaCLintCore

/// Known-answer vectors (FIPS 180, RFC 1321, RFC 4648): SAM's generated logical ids and Terraform's
/// hash functions depend on these being exact.
final class DigestsTests: XCTestCase {
    func hexSHA1(_ s: String) -> String { Digests.hex(Digests.sha1(Array(s.utf8))) }

    func testSHA1() {
        XCTAssertEqual(hexSHA1("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(hexSHA1(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        XCTAssertEqual(hexSHA1(String(repeating: "a", count: 1000)), "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }

    func testSHA256AndMD5() {
        XCTAssertEqual(Digests.hex(Digests.sha256(Array("abc".utf8))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(Digests.hex(Digests.md5(Array("abc".utf8))), "900150983cd24fb0d6963f7d28e17f72")
    }

    func testBase64() {
        for (plain, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            XCTAssertEqual(Digests.base64Encode(Array(plain.utf8)), encoded)
            XCTAssertEqual(Digests.base64Decode(encoded), Array(plain.utf8))
        }
    }
}
