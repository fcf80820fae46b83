// Byte equality eight bytes at a time against the plain byte-by-byte comparison.

import XCTest
@testable import IaCLintCore

final class RawBytesTests: XCTestCase {
    func testEqualMatchesByteByByteAtEveryLengthAndPosition() {
        for length in 0...40 {
            let base = (0..<length).map { UInt8(truncatingIfNeeded: 97 + $0 % 26) }
            base.withUnsafeBytes { x in
                XCTAssertTrue(RawBytes.equal(x, x))
                for at in 0..<length {
                    var other = base
                    other[at] ^= 0x20
                    other.withUnsafeBytes { y in XCTAssertFalse(RawBytes.equal(x, y), "length \(length), byte \(at)") }
                }
                (base + [0]).withUnsafeBytes { longer in XCTAssertFalse(RawBytes.equal(x, longer)) }
            }
        }
    }

    func testSameUTF8IsBytesNotCanonicalEquivalence() {
        XCTAssertTrue(RawBytes.sameUTF8("module.api.aws_api_gateway_stage.this", "module.api.aws_api_gateway_stage." + "this"))
        XCTAssertFalse(RawBytes.sameUTF8("module.api.aws_api_gateway_stage.this", "module.api.aws_api_gateway_stage.that"))
        XCTAssertTrue("caf\u{E9}" == "cafe\u{301}", "String == is canonical equivalence")
        XCTAssertFalse(RawBytes.sameUTF8("caf\u{E9}", "cafe\u{301}"), "the bytes differ")
        XCTAssertTrue(RawBytes.sameUTF8("", ""))
    }
}
