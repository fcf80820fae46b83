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
    /// The walk's listings of the directories holding Terraform configuration files, by absolute
    /// path: the Terraform front end reads its modules from them instead of listing every directory
    /// again (4,360 listings, 74 ms on one core, on the 100 MB synthetic repository).
    public var terraformListings: [String: [DirectoryEntry]] = [:]
}

public enum Discovery {
    /// Folders never walked into: tool state, dependencies, build output.
    static let skippedDirectories: Set<String> = [".git", ".terraform", ".build", "node_modules", ".terragrunt-cache"]
    /// Hard bound on files, so a pathological tree cannot exhaust memory.
    static let maximumFiles = 1_000_000

    public static func discover(paths: [String], workingDirectory: String, followSymlinks: Bool = false) -> DiscoveryResult {
        discover(paths: paths, workingDirectory: workingDirectory, followSymlinks: followSymlinks, onEveryCore: true)
    }

    /// `onEveryCore: false` walks in one go (the reference the tests compare the shared walk with).
    static func discover(paths: [String], workingDirectory: String, followSymlinks: Bool, onEveryCore: Bool) -> DiscoveryResult {
        var walker = Walker(workingDirectory: workingDirectory, followSymlinks: followSymlinks)
        walker.onEveryCore = onEveryCore
        for given in paths.isEmpty ? ["."] : paths {
            walker.visitGiven(given)
        }
        // The same file is met twice only through a link or overlapping given paths; without either
        // the check is skipped (34,784 hashed paths, 77 M instructions, on the 100 MB synthetic repository).
        if walker.sawLink || paths.count > 1 {
            var seen = Set<String>(minimumCapacity: walker.result.files.count)
            walker.result.files = walker.result.files.filter { seen.insert($0.absolutePath).inserted }
        }
        return walker.result
    }

    /// The path to show for an absolute path.
    static func displayPath(_ absolute: String, workingDirectory: String) -> String {
        Path.relative(absolute, to: workingDirectory)
    }

    /// The display path of `name` inside a directory shown as `directoryDisplay`, without working it out
    /// again from the absolute path: `Path.relative` normalises and splits both paths when the file is
    /// outside the working directory (about 12,000 instructions a file, against a concatenation here;
    /// it split `Character`s and took 70,000 before it worked on bytes). Nil when composing might differ
    /// from `displayPath`: a name that is not plain ASCII, or a directory that is the working directory's
    /// ancestor (shown as `..` steps, where the name may lead back into the working directory).
    /// Checked and joined on bytes in one allocation: with `String` tests and two concatenations this
    /// was 2,900 instructions a file (94 M on the 100 MB synthetic repository's 32,500 files).
    static func displayPath(of name: String, inDirectoryShownAs directoryDisplay: String) -> String? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var nameBytes = name, directoryBytes = directoryDisplay
        return nameBytes.withUTF8 { n -> String? in
            guard !n.isEmpty, !(n.count == 1 && n[0] == dot), !(n.count == 2 && n[0] == dot && n[1] == dot) else { return nil }
            for byte in n where byte >= 0x80 || byte == slash { return nil }
            return directoryBytes.withUTF8 { d -> String? in
                if d.count == 1, d[0] == dot { return name }
                // Empty, `/`, ending in `/`, `..` or ending in `/..`.
                guard let last = d.last, last != slash else { return nil }
                if d.count >= 2, d[d.count - 1] == dot, d[d.count - 2] == dot, d.count == 2 || d[d.count - 3] == slash { return nil }
                return String(unsafeUninitializedCapacity: d.count + 1 + n.count) { out in
                    guard let base = out.baseAddress, let left = d.baseAddress, let right = n.baseAddress else { return 0 }
                    base.initialize(from: left, count: d.count)
                    base[d.count] = slash
                    (base + d.count + 1).initialize(from: right, count: n.count)
                    return d.count + 1 + n.count
                }
            }
        }
    }
}

private struct Walker: Sendable {
    let workingDirectory: String
    let followSymlinks: Bool
    var result = DiscoveryResult()
    var visitedDirectories = Set<FileIdentity>()
    var currentRoot = "/"
    /// Set while a directory is listed for a walk on every core: its files, problems and the
    /// subdirectories still to list, in the order a walk in one go meets them.
    var pieces: [Piece]?
    /// What makes walks of separate subtrees differ from one walk: a directory reached through a link,
    /// or one met twice (its subtree is then walked once only, by whichever path came first).
    var sawDirectoryLink = false
    var sawRevisit = false
    /// Any link met (to a file or a directory): two names may then lead to one file.
    var sawLink = false
    var onEveryCore = true

    enum Piece: Sendable {
        case file(DiscoveredFile)
        case problem(Diagnostic)
        case directory(path: String, real: String, shownAs: String)
    }

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
            if onEveryCore {
                walkOnEveryCore(directory: absolute, real: real, shownAs: display(absolute))
            } else {
                walk(directory: absolute, real: real, shownAs: display(absolute))
            }
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
        let entries: [DirectoryEntry]
        let listing = FileSystem.entries(directory) { identity in
            if visitedDirectories.insert(identity).inserted { return true }
            sawRevisit = true  // a loop, or a second path to it
            return false
        }
        switch listing {
        case .success(let e): entries = e
        case .failure(let error):
            report(display(directory), error.message)
            return
        case nil:
            return  // seen already, or gone
        }
        var holdsTerraform = false
        defer { if holdsTerraform { result.terraformListings[directory] = entries } }
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
            // Outside links a directory's real path is its path: one string for both.
            var realChild = real == directory ? child : Path.join(real, name)
            if kind == .symlink {
                sawLink = true
                guard let target = FileSystem.realPath(child), let targetKind = FileSystem.kind(target, followLinks: true) else {
                    // Dangling or looping: an input file that can never be read is reported by its front end.
                    if let input = InputKind(fileName: name) { add(absolute: child, real: child, kind: input, explicit: false) }
                    continue
                }
                if !followSymlinks && !Path.isInside(target, root: currentRoot) { continue }
                if targetKind == .directory { sawDirectoryLink = true }
                kind = targetKind
                realChild = target
            }
            switch kind {
            case .directory:
                if name.hasPrefix(".") || Discovery.skippedDirectories.contains(name) { continue }
                let shownAs = Discovery.displayPath(of: name, inDirectoryShownAs: directoryDisplay) ?? display(child)
                if pieces != nil {
                    pieces?.append(.directory(path: child, real: realChild, shownAs: shownAs))
                } else {
                    walk(directory: child, real: realChild, shownAs: shownAs)
                }
            case .regular, .other:
                guard let input = InputKind(fileName: name) else { continue }
                if input.isTerraform { holdsTerraform = true }
                add(absolute: child, real: realChild, kind: input, explicit: false,
                    shownAs: Discovery.displayPath(of: name, inDirectoryShownAs: directoryDisplay))
            case .symlink:
                continue
            }
        }
    }

    mutating func add(absolute: String, real: String, kind: InputKind, explicit: Bool, shownAs: String? = nil) {
        let file = DiscoveredFile(path: shownAs ?? display(absolute), absolutePath: real, kind: kind, explicitlyGiven: explicit)
        if pieces != nil { pieces?.append(.file(file)) } else { result.files.append(file) }
    }

    func display(_ absolute: String) -> String { Discovery.displayPath(absolute, workingDirectory: workingDirectory) }

    mutating func report(_ path: String, _ message: String) {
        let problem = Diagnostic.error(message, at: SourceRange(file: path, at: .start))
        if pieces != nil { pieces?.append(.problem(problem)) } else { result.diagnostics.append(problem) }
    }

    /// `walk` with the listing shared between cores, level by level: every directory of a level is
    /// listed by a copy of the walker on some core, its subdirectories make the next level, and the
    /// listings are put together in the order one walk meets them. Listing is system calls that two
    /// cores do in half the time; walking whole subtrees side by side instead left one core with
    /// `terraform/services`, two thirds of the 100 MB synthetic repository's directories. It gives
    /// what one walk gives unless a directory can be reached twice (through a link, or met twice):
    /// then, or past the file limit, the directory is walked again in one go.
    mutating func walkOnEveryCore(directory: String, real: String, shownAs: String) {
        let before = self
        var lister = self
        lister.pieces = []
        lister.walk(directory: directory, real: real, shownAs: shownAs)
        // Per directory listed: its pieces, and the numbers of its subdirectories' listings in order.
        var listed: [[Piece]] = [lister.pieces ?? []]
        var children: [[Int]] = [[]]
        var visited = lister.visitedDirectories
        var listings = lister.result.terraformListings
        var reachedTwice = lister.sawDirectoryLink || lister.sawRevisit
        var sawAnyLink = lister.sawLink
        var fileCount = before.result.files.count + Walker.fileCount(listed[0])
        // Each copy starts with no visited directories; a directory met twice shows when the copies'
        // directories are added to `visited` (copying that set into each copy cost its size each time).
        let seed: Walker = {
            var walker = lister
            walker.pieces = []
            walker.result = DiscoveryResult()
            walker.visitedDirectories = []
            return walker
        }()
        var level = [0]
        while !level.isEmpty, !reachedTwice, fileCount < Discovery.maximumFiles {
            var next: [(parent: Int, path: String, real: String, shownAs: String)] = []
            for d in level {
                for piece in listed[d] {
                    if case .directory(let path, let real, let shown) = piece { next.append((d, path, real, shown)) }
                }
            }
            let walkers = next.parallelMap { dir -> Walker in
                var walker = seed
                walker.walk(directory: dir.path, real: dir.real, shownAs: dir.shownAs)
                return walker
            }
            level = []
            listings.reserveCapacity(listings.count + walkers.count)
            visited.reserveCapacity(visited.count + walkers.count)
            for (dir, walker) in zip(next, walkers) {
                reachedTwice = reachedTwice || walker.sawDirectoryLink || walker.sawRevisit
                sawAnyLink = sawAnyLink || walker.sawLink
                listings.merge(walker.result.terraformListings) { first, _ in first }
                for identity in walker.visitedDirectories where !visited.insert(identity).inserted { reachedTwice = true }
                let pieces = walker.pieces ?? []
                fileCount += Walker.fileCount(pieces)
                children[dir.parent].append(listed.count)
                level.append(listed.count)
                listed.append(pieces)
                children.append([])
            }
        }
        guard !reachedTwice, fileCount < Discovery.maximumFiles else {
            self = before
            walk(directory: directory, real: real, shownAs: shownAs)
            return
        }
        // One walk's order: each directory's pieces in turn, a subdirectory's listing in its place
        // (a stack rather than recursion: trees can be deep). Pieces are moved out, reversed and
        // popped, not copied: a copy retained each file's three strings.
        result.files.reserveCapacity(fileCount)
        var stack: [(pieces: [Piece], directory: Int, child: Int)] = [(Walker.reversed(&listed[0]), 0, 0)]
        while var top = stack.popLast() {
            while let piece = top.pieces.popLast() {
                switch piece {
                case .file(let file): result.files.append(file)
                case .problem(let problem): result.diagnostics.append(problem)
                case .directory:
                    let child = children[top.directory][top.child]
                    top.child += 1
                    stack.append(top)
                    stack.append((Walker.reversed(&listed[child]), child, 0))
                }
                if case .directory = piece { break }
            }
        }
        visitedDirectories = visited
        result.terraformListings = listings
        sawLink = sawAnyLink
    }

    /// The pieces, last first, taken out of `pieces` (left empty).
    private static func reversed(_ pieces: inout [Piece]) -> [Piece] {
        var taken: [Piece] = []
        swap(&taken, &pieces)
        taken.reverse()
        return taken
    }

    private static func fileCount(_ pieces: [Piece]) -> Int {
        pieces.reduce(0) { n, piece in if case .file = piece { return n + 1 } else { return n } }
    }
}
