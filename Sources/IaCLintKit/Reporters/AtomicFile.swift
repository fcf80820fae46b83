// Writes a report file atomically: a temporary file in the same directory, then rename, so a
// reader never sees half a report.

import IaCLintCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) -> Result<Void, FileError> {
        let directory = Path.directory(of: path)
        let temporary = Path.join(directory, ".\(Path.fileName(path)).\(getpid()).tmp")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .failure(FileError(path: path, message: message("cannot create"))) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let failure = message("cannot write")
                close(fd)
                unlink(temporary)
                return .failure(FileError(path: path, message: failure))
            }
            written += n
        }
        if close(fd) != 0 {
            let failure = message("cannot write")
            unlink(temporary)
            return .failure(FileError(path: path, message: failure))
        }
        guard rename(temporary, path) == 0 else {
            let failure = message("cannot replace")
            unlink(temporary)
            return .failure(FileError(path: path, message: failure))
        }
        return .success(())
    }

    /// Appends (for `$GITHUB_STEP_SUMMARY`, which GitHub collects after the step).
    public static func append(_ bytes: [UInt8], to path: String) -> Result<Void, FileError> {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .failure(FileError(path: path, message: message("cannot open"))) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileError(path: path, message: message("cannot write")))
            }
            written += n
        }
        return .success(())
    }

    static func message(_ what: String) -> String {
        let code = errno
        let text = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return "\(what): \(text)"
    }
}
