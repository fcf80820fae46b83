// A scratch directory for tests that need files of their own; removed when released.

import IaCLintCore
#if canImport(Glibc)
import Glibc
#endif

final class TemporaryDirectory {
    let path: String

    struct Failure: Error { var message: String }

    init() throws {
        var template = Array("/tmp/iaclint-terraform-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(message: "mkdtemp failed")
        }
        path = String(cString: made)
    }

    func write(_ relative: String, _ text: String) throws {
        let full = path + "/" + relative
        let dir = Path.directory(of: full)
        if FileSystem.kind(dir) == nil { mkdir(dir, 0o755) }
        guard let f = fopen(full, "w") else { throw Failure(message: "cannot write \(full)") }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, bytes.count, f) }
        fclose(f)
    }

    func makeDirectory(_ relative: String) {
        var current = path
        for part in relative.split(separator: "/") {
            current += "/" + part
            mkdir(current, 0o755)
        }
    }

    deinit {
        // Remove the files this test wrote (one or two levels deep).
        func remove(_ p: String) {
            if FileSystem.kind(p) == .directory, case .success(let names) = FileSystem.list(p) {
                for n in names { remove(p + "/" + n) }
                rmdir(p)
            } else {
                unlink(p)
            }
        }
        remove(path)
    }
}
