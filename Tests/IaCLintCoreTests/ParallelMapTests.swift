import XCTest
import IaCLintCore

final class ParallelMapTests: XCTestCase {
    func testKeepsOrder() {
        let input = Array(0..<10_000)
        XCTAssertEqual(input.parallelMap { $0 * 2 }, input.map { $0 * 2 })
        XCTAssertEqual([Int]().parallelMap { $0 }, [])
        XCTAssertEqual([7].parallelMap { $0 + 1 }, [8])
        XCTAssertGreaterThanOrEqual(Concurrency.processorCount, 1)
    }
}
