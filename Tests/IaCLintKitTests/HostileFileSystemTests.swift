// Hostile trees: symlink loops, unreadable files and folders, a folder named like a file, a FIFO,
// and a folder of 10,000 files. Each is reported (or harmlessly skipped) and the rest still checked.

import XCTest
import Glibc
@testable import IaCLintKit
import IaCLintCore

final class HostileFileSystemTests: HostileTestCase {
    func testSymlinkLoops() {
        makeDirectory("loops/dir")
        XCTAssertEqual(symlink(path("loops"), path("loops/dir/up")), 0)        // a folder that contains itself
        XCTAssertEqual(symlink("self.tf", path("loops/self.tf")), 0)           // a link to itself (ELOOP)
        XCTAssertEqual(symlink("b.tf", path("loops/a.tf")), 0)
        XCTAssertEqual(symlink("a.tf", path("loops/b.tf")), 0)
        addNeighbour("loops/stage.tf")
        let result = lint(seconds: 10)
        // Walking into the loop again is pointless and silent; a .tf that can never be read is an error.
        assertInputError(result, in: "loops/self.tf", atLine: 1, containing: "symbolic links")
        assertInputError(result, in: "loops/a.tf", atLine: 1)
        assertNeighbourChecked(result, "loops/stage.tf")
        XCTAssertEqual(result.findings.filter { $0.ruleID == "APIGW001" }.count, 1, "the looping folder is walked once: \(describe(result))")
    }

    func testDirectoryNamedLikeATerraformFile() {
        write("x.tf/inner.tf", Self.badStage.replacingOccurrences(of: "neighbour", with: "inner"))
        makeDirectory("y.yaml")
        addNeighbour()
        let result = lint()
        assertNoInputErrors(result)
        XCTAssertTrue(result.findings.contains { $0.range?.file == "x.tf/inner.tf" && $0.ruleID == "APIGW001" }, describe(result))
        assertNeighbourChecked(result)
    }

    func testFIFOsAreReportedWithoutBlocking() {
        makeDirectory("pipes")
        XCTAssertEqual(mkfifo(path("pipes/pipe.tf"), 0o644), 0)
        XCTAssertEqual(mkfifo(path("pipes/pipe.yaml"), 0o644), 0)
        addNeighbour("pipes/stage.tf")
        let result = lint(seconds: 10)
        assertInputError(result, in: "pipes/pipe.tf", atLine: 1, containing: "not a regular file")
        assertInputError(result, in: "pipes/pipe.yaml", atLine: 1, containing: "not a regular file")
        assertNeighbourChecked(result, "pipes/stage.tf")
    }

    func testTenThousandFilesInOneFolder() {
        for i in 0..<10_000 {
            write("wide/f\(i).tf", "locals {\n  v\(i) = \(i)\n}\n")
        }
        addNeighbour("wide/stage.tf")
        let result = lint(seconds: 60)
        assertNoInputErrors(result)
        XCTAssertEqual(result.filesChecked, 10_001)
        assertNeighbourChecked(result, "wide/stage.tf")
    }

    func testUnreadableFileAndDirectory() throws {
        write("locked/secret.tf", Self.badStage)
        write("open/unreadable.tf", Self.badStage.replacingOccurrences(of: "neighbour", with: "hidden"))
        write("open/unreadable.yaml", Self.badTemplate)
        addNeighbour("open/stage.tf")
        chmod(path("locked"), 0)
        chmod(path("open/unreadable.tf"), 0)
        chmod(path("open/unreadable.yaml"), 0)
        let result = try withoutPrivileges { lint(seconds: 20) }
        assertInputError(result, in: "locked", containing: "permission denied")
        assertInputError(result, in: "open/unreadable.tf", atLine: 1, containing: "permission denied")
        assertInputError(result, in: "open/unreadable.yaml", atLine: 1, containing: "permission denied")
        XCTAssertFalse(result.findings.contains { $0.resource == "aws_api_gateway_stage.hidden" })
        assertNeighbourChecked(result, "open/stage.tf")
    }

    /// Runs `body` as user `nobody`: root reads everything, so unreadable inputs need an ordinary user.
    /// `seteuid` changes every thread's effective id (glibc) and keeps the real id, so root comes back after.
    func withoutPrivileges<T>(_ body: () throws -> T) throws -> T {
        guard geteuid() == 0 else { return try body() }
        guard setegid(65534) == 0, seteuid(65534) == 0 else {
            _ = setegid(0)
            throw XCTSkip("cannot drop privileges to test unreadable inputs (needs CAP_SETUID)")
        }
        defer { _ = seteuid(0); _ = setegid(0) }
        return try body()
    }
}
