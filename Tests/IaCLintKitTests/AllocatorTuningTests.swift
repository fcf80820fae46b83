// The glibc allocator hooks are compiled in (their guard once silently compiled them out).

import XCTest
import CAllocator
@testable import IaCLintKit

final class AllocatorTuningTests: XCTestCase {
    func testGlibcHooksAreCompiledIn() {
        #if os(Linux) && canImport(Glibc)
        AllocatorTuning.applyForBatchRun()
        let held = [UInt8](repeating: 1, count: 4 << 20)
        XCTAssertGreaterThanOrEqual(iaclint_heap_in_use(), Int64(held.count), "mallinfo2 should see a 4 MB block")
        XCTAssertEqual(held.count, 4 << 20)
        // Giving free pages back keeps what is in use: the block is still counted, and still readable.
        do { let freed = [UInt8](repeating: 2, count: 8 << 20); XCTAssertEqual(freed.last, 2) }
        XCTAssertEqual(iaclint_return_free_heap_pages(Int64.max), 0, "no trim within the slack")
        _ = iaclint_return_free_heap_pages(0)
        XCTAssertGreaterThanOrEqual(iaclint_heap_in_use(), Int64(held.count))
        XCTAssertEqual(held[held.count - 1], 1)
        #endif
    }
}
