// Golden AST dumps: every testdata/hcl/*.tf is parsed and compared with its .ast file.

import XCTest
import HCL
import IaCLintCore
import TestSupport

final class HCLGoldenTests: XCTestCase {
    func testGoldenDumps() throws {
        let directory = TestPaths.testdata("hcl")
        guard case .success(let names) = FileSystem.list(directory) else { return XCTFail("cannot list \(directory)") }
        let fixtures = names.filter { $0.hasSuffix(".tf") }
        XCTAssertGreaterThanOrEqual(fixtures.count, 3)
        for name in fixtures {
            let path = Path.join(directory, name)
            guard case .success(let bytes) = FileSystem.read(path) else { XCTFail("cannot read \(path)"); continue }
            let dump = HCLDump.dump(HCLParser.parse(bytes, path: "testdata/hcl/\(name)"))
            let goldenPath = String(path.dropLast(3)) + ".ast"
            if TestPaths.updateGolden {
                try Array(dump.utf8).withUnsafeBufferPointer { buffer in
                    guard let f = fopen(goldenPath, "wb") else { throw XCTSkip("cannot write \(goldenPath)") }
                    defer { fclose(f) }
                    _ = fwrite(buffer.baseAddress, 1, buffer.count, f)
                }
                continue
            }
            guard let expected = TestPaths.readText(goldenPath) else {
                XCTFail("missing golden file \(goldenPath); run with IACLINT_UPDATE_GOLDEN=1 to create it")
                continue
            }
            if dump != expected {
                let a = dump.split(separator: "\n", omittingEmptySubsequences: false)
                let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let firstDifference = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
                XCTFail("""
                    \(name): AST dump differs from \(goldenPath) at line \(firstDifference + 1)
                    got:      \(firstDifference < a.count ? String(a[firstDifference]) : "<end>")
                    expected: \(firstDifference < b.count ? String(b[firstDifference]) : "<end>")
                    (IACLINT_UPDATE_GOLDEN=1 rewrites the golden files)
                    """)
            }
        }
    }
}
