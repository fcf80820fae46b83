// Finds the input files under the paths a user gave: skips tool folders, refuses to leave the scanned
// root through symlinks unless asked, survives loops and unreadable folders.

import IaCLintCore

public struct DiscoveredFile: Hashable, Sendable {
    /// Path as shown to the user: relative to the working directory when inside it.
    public var path: String
    /// Canonical absolute path.
    public var absolutePath: String
    public var kind: InputKind
    /// Named on the command line (pre-commit passes files): only its findings are reported.
    public var explicitlyGiven: Bool
}

public struct DiscoveryResult: Sendable {
    public var files: [DiscoveredFile] = []
    public var diagnostics: [Diagnostic] = []
    /// Absolute roots of the scan (directories given, or the directories of given files).
    public var roots: [String] = []
}

public enum Discovery {
    /// Folders never walked into: tool state, dependencies, build output.
    static let skippedDirectories: Set<String> = [".git", ".terraform", ".build", "node_modules", ".terragrunt-cache"]
    /// Hard bound on files, so a pathological tree cannot exhaust memory.
    static let maximumFiles = 1_000_000

    public static func discover(paths: [String], workingDirectory: String, followSymlinks: Bool = false) -> DiscoveryResult {
        var walker = Walker(workingDirectory: workingDirectory, followSymlinks: followSymlinks)
        for given in paths.isEmpty ? ["."] : paths {
            walker.visitGiven(given)
        }
        var seen = Set<String>()
        walker.result.files = walker.result.files.filter { seen.insert($0.absolutePath).inserted }
        return walker.result
    }

    /// The path to show for an absolute path.
    static func displayPath(_ absolute: String, workingDirectory: String) -> String {
        Path.relative(absolute, to: workingDirectory)
    }

    /// The display path of `name` inside a directory shown as `directoryDisplay`, without working it out
    /// again from the absolute path: `Path.relative` splits both paths into `Character`s when the file is
    /// outside the working directory (about 70,000 instructions a file). Nil when composing might differ
    /// from `displayPath`: a name that is not plain ASCII, or a directory that is the working directory's
    /// ancestor (shown as `..` steps, where the name may lead back into the working directory).
    static func displayPath(of name: String, inDirectoryShownAs directoryDisplay: String) -> String? {
        guard !name.isEmpty, name != ".", name != "..",
              name.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "/") }) else { return nil }
        if directoryDisplay == "." { return name }
        if directoryDisplay.isEmpty || directoryDisplay == "/" || directoryDisplay.utf8.last == UInt8(ascii: "/")
            || directoryDisplay == ".." || directoryDisplay.hasSuffix("/..") { return nil }
        return directoryDisplay + "/" + name
    }
}

private struct Walker {
    let workingDirectory: String
    let followSymlinks: Bool
    var result = DiscoveryResult()
    var visitedDirectories = Set<FileIdentity>()
    var currentRoot = "/"

    init(workingDirectory: String, followSymlinks: Bool) {
        self.workingDirectory = Path.normalize(workingDirectory)
        self.followSymlinks = followSymlinks
    }

    mutating func visitGiven(_ given: String) {
        let absolute = Path.normalize(given.hasPrefix("/") ? given : Path.join(workingDirectory, given))
        guard let kind = FileSystem.kind(absolute, followLinks: true) else {
            report(given, "no such file or directory")
            return
        }
        let real = FileSystem.realPath(absolute) ?? absolute
        switch kind {
        case .directory:
            currentRoot = real
            result.roots.append(real)
            walk(directory: absolute, real: real, shownAs: display(absolute))
        case .regular, .other, .symlink:
            currentRoot = Path.directory(of: real)
            result.roots.append(currentRoot)
            // A file named on the command line is read whatever its extension, as a user asked for it.
            let input = InputKind(fileName: Path.fileName(absolute)) ?? .structured
            add(absolute: absolute, real: real, kind: input, explicit: true)
        }
    }

    /// `shownAs` is the directory's display path, from which its files' display paths are composed.
    mutating func walk(directory: String, real: String, shownAs directoryDisplay: String) {
        guard let identity = FileSystem.identity(real) else { return }
        guard visitedDirectories.insert(identity).inserted else { return }  // loop or second path to it
        let entries: [DirectoryEntry]
        switch FileSystem.entries(directory) {
        case .success(let e): entries = e
        case .failure(let error):
            report(display(directory), error.message)
            return
        }
        for entry in entries {
            let name = entry.name
            // A file that is no input needs no further look (most of a repository).
            if entry.kind == .regular, InputKind(fileName: name) == nil { continue }
            if result.files.count >= Discovery.maximumFiles {
                report(display(directory), "more than \(Discovery.maximumFiles) input files; the rest were not checked")
                return
            }
            let child = Path.join(directory, name)
            guard var kind = entry.kind ?? FileSystem.kind(child) else { continue }
            var realChild = Path.join(real, name)
            if kind == .symlink {
                guard let target = FileSystem.realPath(child), let targetKind = FileSystem.kind(target, followLinks: true) else {
                    // Dangling or looping: an input file that can never be read is reported by its front end.
                    if let input = InputKind(fileName: name) { add(absolute: child, real: child, kind: input, explicit: false) }
                    continue
                }
                if !followSymlinks && !Path.isInside(target, root: currentRoot) { continue }
                kind = targetKind
                realChild = target
            }
            switch kind {
            case .directory:
                if name.hasPrefix(".") || Discovery.skippedDirectories.contains(name) { continue }
                walk(directory: child, real: realChild,
                     shownAs: Discovery.displayPath(of: name, inDirectoryShownAs: directoryDisplay) ?? display(child))
            case .regular, .other:
                guard let input = InputKind(fileName: name) else { continue }
                add(absolute: child, real: realChild, kind: input, explicit: false,
                    shownAs: Discovery.displayPath(of: name, inDirectoryShownAs: directoryDisplay))
            case .symlink:
                continue
            }
        }
    }

    mutating func add(absolute: String, real: String, kind: InputKind, explicit: Bool, shownAs: String? = nil) {
        result.files.append(DiscoveredFile(path: shownAs ?? display(absolute), absolutePath: real, kind: kind, explicitlyGiven: explicit))
    }

    func display(_ absolute: String) -> String { Discovery.displayPath(absolute, workingDirectory: workingDirectory) }

    mutating func report(_ path: String, _ message: String) {
        result.diagnostics.append(.error(message, at: SourceRange(file: path, at: .start)))
    }
}
