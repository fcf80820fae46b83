// Writes the generated files under one root, creating folders, and counts bytes and files per input kind.

#if canImport(Glibc)
import Glibc
#endif

/// The kinds of generated input, used for proportions and the manifest.
enum SyntheticKind: Int, CaseIterable {
    case terraform, cloudFormation, sam, plan

    var label: String {
        switch self {
        case .terraform: return "terraform"
        case .cloudFormation: return "cloudformation"
        case .sam: return "sam"
        case .plan: return "plan"
        }
    }
}

struct SyntheticWriteError: Error, CustomStringConvertible {
    let description: String
}

final class SyntheticOutput {
    let root: String
    private(set) var bytes = [Int](repeating: 0, count: SyntheticKind.allCases.count)
    private(set) var files = [Int](repeating: 0, count: SyntheticKind.allCases.count)
    private var createdDirectories = Set<String>()

    var totalBytes: Int { bytes.reduce(0, +) }
    var totalFiles: Int { files.reduce(0, +) }

    init(root: String) throws {
        self.root = root
        try makeDirectories(root)
    }

    /// Writes `contents` to `root/relativePath` and counts it under `kind`.
    func write(_ relativePath: String, _ contents: String, kind: SyntheticKind) throws {
        try writeUncounted(relativePath, contents)
        bytes[kind.rawValue] += contents.utf8.count
        files[kind.rawValue] += 1
    }

    /// Writes a file that is not an input (the manifest).
    func writeUncounted(_ relativePath: String, _ contents: String) throws {
        let path = root + "/" + relativePath
        if let slash = path.lastIndex(of: "/") {
            try makeDirectories(String(path[path.startIndex..<slash]))
        }
        guard let file = fopen(path, "wb") else {
            throw SyntheticWriteError(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var text = contents
        let written = text.withUTF8 { buffer in fwrite(buffer.baseAddress, 1, buffer.count, file) }
        if written != contents.utf8.count {
            throw SyntheticWriteError(description: "short write to \(path)")
        }
    }

    private func makeDirectories(_ path: String) throws {
        if createdDirectories.contains(path) { return }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if createdDirectories.contains(prefix) { continue }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw SyntheticWriteError(description: "cannot create folder \(prefix): \(String(cString: strerror(errno)))")
            }
            createdDirectories.insert(prefix)
        }
        createdDirectories.insert(path)
    }
}
