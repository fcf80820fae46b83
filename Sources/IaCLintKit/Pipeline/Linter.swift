// The pipeline: discover files, hand each to its front end, join the graphs, run the rules, and turn
// input errors into IAC001 findings.

import IaCLintCore
import IaCLintRules
import Terraform
import CloudFormation
import TerraformPlan

public enum Linter {
    public static func lint(_ request: LintRequest) -> LintResult { lint(request, overlapping: nil) }

    /// `overlapping`: load templates and plans beside Terraform (true), before it (false), or as the
    /// input decides (nil: beside it when there are both and at least `overlapFromStructuredFiles`).
    static func lint(_ request: LintRequest, overlapping: Bool?) -> LintResult {
        var timer = PhaseTimer()
        defer { timer.report() }
        let cwd = Path.normalize(request.workingDirectory ?? FileSystem.currentDirectory())
        // Not read once the front ends start: its list of files (13 MB on a 100 MB scan) is then freed.
        let discovery = discover(request, workingDirectory: cwd)
        let excludes = request.excludes.map(Glob.init)
        // Without excludes the list is shared, not copied (35,000 files on a 100 MB scan).
        let files = excludes.isEmpty ? discovery.files : discovery.files.filter { file in !excludes.contains { $0.matches(file.path) } }
        let reportOnly: Set<String>? = discovery.files.contains(where: \.explicitlyGiven)
            ? Set(discovery.files.filter(\.explicitlyGiven).map(\.path)) : nil

        var result = LintResult()
        var diagnostics = discovery.diagnostics

        let suppressionSources = SuppressionSources(only: reportOnly)
        timer.mark("discovery (\(files.count) files)")

        let structured = files.filter { $0.kind == .structured }
        let hasTerraform = files.contains { $0.kind.isTerraform && $0.kind != .terraformVariables }

        // Templates and plans: one file each. Beside a Terraform load they are read one after another
        // on a thread of their own, filling the core time the load leaves idle (its planning, its last
        // groups, its waits on the disk), and any left when it ends on every core (`SharedCursorMap`):
        // on the 100 MB synthetic repository 4-7% less wall time in alternating runs. Read on every
        // core beside it, they added 7-10 MB of peak memory (more threads allocating at once) for no
        // further gain. Alone, they are read on every core.
        let readsAttributes: @Sendable (String) -> Bool = { RuleEngine.readsAttributes(ofType: $0) }
        let keep = request.dropsUnreadAttributeValues ? readsAttributes : nil
        let dropsUnread = keep != nil
        let overlapped = hasTerraform && !structured.isEmpty
            && (overlapping ?? (structured.count >= Linter.overlapFromStructuredFiles))
        let load: @Sendable (DiscoveredFile) -> StructuredInput = {
            StructuredInput.load($0, reading: suppressionSources, dropsUnreadValues: dropsUnread)
        }
        let structuredLoad = overlapped ? SharedCursorMap(structured, load) : nil
        var templates = ResourceGraph()
        var plans: [(file: DiscoveredFile, load: PlanLoadResult)] = []
        func collectStructured(_ outcomes: [StructuredInput]) {
            for (file, outcome) in zip(structured, outcomes) {
                switch outcome {
                case .unreadable(let diagnostic): diagnostics.append(diagnostic)
                case .template(let graph): templates.merge(graph); result.filesChecked += 1
                case .plan(let load): plans.append((file, load)); result.filesChecked += 1
                case .other: break
                }
            }
        }
        if !overlapped {
            collectStructured(structured.parallelMap(load))
            timer.mark("templates and plans (\(structured.count) files)")
        }

        // Terraform: every directory holding .tf/.tf.json files; the loader finds the roots. Found while
        // the templates load (above), not before.
        let (terraformDirectories, terraformFileCount) = Linter.terraformDirectories(of: files)
        result.filesChecked += terraformFileCount
        // Paths stay as the user sees them (relative to `cwd`); reads resolve them against `cwd`.
        var options = TerraformOptions(
            variables: request.terraformVariables,
            varFiles: request.terraformVarFiles,
            environment: request.environment ?? ProcessEnvironment.all(),
            scanRoot: discovery.roots.isEmpty ? cwd : commonAncestor(discovery.roots),
            fileReader: { path in
                let read = FileSystem.read(path.hasPrefix("/") ? path : Path.join(cwd, path))
                if case .success(let bytes) = read { suppressionSources.note(path, bytes) }
                return read
            },
            workingDirectory: cwd)
        options.keepsAttributeValues = keep
        options.knownDirectoryEntries = discovery.terraformListings
        if keep != nil { options.trimsKeptAttributeValues = { RuleEngine.dropUnreadAttributeValues(&$0) } }
        let terraform = terraformDirectories.isEmpty ? ResourceGraph()
            : TerraformLoader.load(directories: terraformDirectories, options: options)
        if let structuredLoad {
            timer.mark("terraform (\(terraformDirectories.count) directories) beside templates and plans")
            collectStructured(structuredLoad.finish())
            timer.mark("templates and plans (\(structured.count) files), what was left after terraform")
        } else {
            timer.mark("terraform (\(terraformDirectories.count) directories)")
        }
        if !terraformDirectories.isEmpty { AllocatorTuning.returnFreePagesAfterLoad() }

        var graph = ResourceGraph()
        graph.diagnostics = diagnostics
        graph.merge(joinPlans(plans, with: consume terraform))
        graph.merge(templates)
        timer.mark("join (\(graph.resources.count) resources)")

        var findings = RuleEngine.check(graph, options: request.ruleOptions)
        result.graph = graph
        timer.mark("rules (\(findings.count) findings)")
        for diagnostic in graph.diagnostics {
            if diagnostic.severity == .error {
                findings.append(parseError(diagnostic))
                result.hadInputErrors = true
            } else {
                result.notes.append(diagnostic)
            }
        }
        if let only = reportOnly {
            findings = findings.filter { $0.range.map { only.contains($0.file) } ?? false }
            result.hadInputErrors = findings.contains { $0.ruleID == ParseErrorRule.id }
        }
        result.sources = suppressionSources.all
        let (narrowed, read) = readSourcesAndNarrow(findings, forExcerpts: request.readsSourcesForExcerpts,
                                                    workingDirectory: cwd, known: result.sources)
        if result.sources.isEmpty { result.sources = read } else { result.sources.merge(read) { known, _ in known } }
        result.findings = narrowed.sortedInReportOrder()
        timer.mark("sources and focus")
        return result
    }

    /// The directories holding Terraform configuration files (`.tfvars` files do not count), in walk
    /// order, and how many such files there are. A directory's files come together in walk order, so
    /// each file's directory is compared in place with the last one's, and a String is made and
    /// hashed once per directory, not per file.
    static func terraformDirectories(of files: [DiscoveredFile]) -> (directories: [String], fileCount: Int) {
        var directories: [String] = []
        var seen = Set<String>()
        var previous: [UInt8] = []
        var count = 0
        for file in files where file.kind.isTerraform && file.kind != .terraformVariables {
            count += 1
            var path = file.path
            let isNew = path.withUTF8 { bytes -> Bool in
                guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return previous != [UInt8(ascii: ".")] }
                let end = slash == 0 ? 1 : slash  // "/x.tf" lives in "/"
                return !(previous.count == end && previous.withUnsafeBufferPointer { $0.elementsEqual(bytes[..<end]) })
            }
            guard isNew else { continue }
            let directory = Path.directory(of: path)
            previous = Array(directory.utf8)
            if seen.insert(directory).inserted { directories.append(directory) }
        }
        return (directories, count)
    }

    /// Fewer templates and plans than this load before Terraform, on every core: a few files are not
    /// worth a thread of their own (the pre-commit case names one).
    static let overlapFromStructuredFiles = 8

    /// Files named explicitly (pre-commit) are linted with the whole configuration around them: the
    /// working directory when they are inside it, else their own directory.
    static func discover(_ request: LintRequest, workingDirectory cwd: String) -> DiscoveryResult {
        let given = Discovery.discover(paths: request.paths, workingDirectory: cwd, followSymlinks: request.followSymlinks)
        let explicit = given.files.filter(\.explicitlyGiven)
        guard !explicit.isEmpty else { return given }
        var widened: [String] = []
        for file in explicit {
            let dir = Path.isInside(file.absolutePath, root: cwd) ? cwd : Path.directory(of: file.absolutePath)
            if !widened.contains(dir) { widened.append(dir) }
        }
        for root in given.roots where !explicit.contains(where: { Path.directory(of: $0.absolutePath) == root }) {
            if !widened.contains(root) { widened.append(root) }
        }
        var wide = Discovery.discover(paths: widened, workingDirectory: cwd, followSymlinks: request.followSymlinks)
        let explicitPaths = Set(explicit.map(\.absolutePath))
        for i in wide.files.indices where explicitPaths.contains(wide.files[i].absolutePath) {
            wide.files[i].explicitlyGiven = true
        }
        // A given file the walk skips (hidden folder, odd extension) is still linted.
        let found = Set(wide.files.map(\.absolutePath))
        wide.files += explicit.filter { !found.contains($0.absolutePath) }
        wide.diagnostics = given.diagnostics + wide.diagnostics
        return wide
    }

    /// Each plan joins the Terraform root module in its directory or the nearest parent; a plan with
    /// no configuration in the scan stands alone and points into the plan file.
    /// `terraform` is consumed: the graph is extended in place, not copied (320,000 retains on a large scan).
    static func joinPlans(_ plans: [(file: DiscoveredFile, load: PlanLoadResult)], with terraform: consuming ResourceGraph) -> ResourceGraph {
        guard !plans.isEmpty else { return terraform }
        // A configuration's resources come in runs of one scope: hash each run's scope, not every resource's.
        var scopes = Set<String>()
        var previous: String? = nil
        for r in terraform.resources where r.scope != previous {
            scopes.insert(r.scope)
            previous = r.scope
        }
        let joined = plans.map { plan -> String? in
            var dir = Path.directory(of: plan.file.path)
            while true {
                if scopes.contains(dir) { return dir }
                let parent = Path.directory(of: dir)
                if parent == dir || dir == "." || dir == "/" { return nil }
                dir = parent
            }
        }
        var standalone = ResourceGraph()
        for ((_, load), scope) in zip(plans, joined) {
            standalone.diagnostics += load.graph.diagnostics
            guard scope == nil else { continue }
            standalone.merge(ResourceGraph(resources: load.graph.resources))
            standalone.emptyDeclarations.merge(load.graph.emptyDeclarations) { a, _ in a }
        }
        // The usual case, plans kept apart from the configuration: no regrouping of every resource.
        guard joined.contains(where: { $0 != nil }) else {
            terraform.merge(standalone)
            return terraform
        }
        var byScope: [String: [Resource]] = [:]
        var order: [String] = []
        for r in terraform.resources {
            if byScope[r.scope] == nil { order.append(r.scope) }
            byScope[r.scope, default: []].append(r)
        }
        for ((_, load), scope) in zip(plans, joined) {
            if let scope {
                byScope[scope] = PlanConfigurationMerge.merge(plan: load.graph.resources, into: byScope[scope] ?? [], configurationScope: scope)
            }
        }
        var out = ResourceGraph()
        for scope in order { for r in byScope[scope] ?? [] { out.add(r) } }
        out.diagnostics = terraform.diagnostics
        out.emptyDeclarations = terraform.emptyDeclarations
        out.merge(standalone)
        return out
    }

    static func parseError(_ diagnostic: Diagnostic) -> Finding {
        var message = diagnostic.message
        if let detail = diagnostic.detail, !detail.isEmpty { message += "; " + detail }
        return Finding(ruleID: ParseErrorRule.id, ruleName: ParseErrorRule.name, severity: .error, message: message,
                       range: diagnostic.range, resource: nil, related: diagnostic.related,
                       discriminator: diagnostic.message)
    }

    /// `findings` with their focus narrowed (`FocusNarrowing`), and the sources the report reads
    /// that the pipeline did not keep already: the files the findings point into when the text report
    /// shows excerpts, else none. Each file is read up to the end of the last line a finding in it
    /// reaches (`SourcePrefix`), its findings are narrowed on it, and only then is it cut to the lines
    /// the excerpts show (`ExcerptSource`): the whole files are never all in memory at once.
    static func readSourcesAndNarrow(_ findings: [Finding], forExcerpts: Bool, workingDirectory cwd: String,
                                     known: [String: SourceFile] = [:]) -> (findings: [Finding], sources: [String: SourceFile]) {
        // Each file once, looked up by id (a path costs the path table's lock); then read and indexed on
        // every core: a large report points into thousands of files.
        var reach: [SourceFileID: Int] = [:]
        var unread: [(path: String, id: SourceFileID)] = []
        var unreadFindings: [SourceFileID: [Int]] = [:]
        var knownFindings: [Int] = []
        // Read in place by index: a `for finding in` copy retained every field of 18,000 findings.
        for index in findings.indices {
            guard let range = findings[index].range else { continue }
            let path = range.file
            if !known.isEmpty, known[path] != nil {
                if findings[index].focus?.isEmpty == false { knownFindings.append(index) }
                continue
            }
            guard forExcerpts || findings[index].focus?.isEmpty == false else { continue }
            let end = max(range.start.offset, range.end.offset)
            if let furthest = reach[range.fileID] {
                if end > furthest { reach[range.fileID] = end }
            } else {
                reach[range.fileID] = end
                unread.append((path, range.fileID))
            }
            unreadFindings[range.fileID, default: []].append(index)
        }
        var out = findings
        if !knownFindings.isEmpty {
            for (index, narrowed) in zip(knownFindings, FocusNarrowing.narrow(knownFindings.map { findings[$0] }, sources: known)) {
                out[index] = narrowed
            }
        }
        let files = unread.map { (path: $0.path, reach: reach[$0.id] ?? Int.max, findings: unreadFindings[$0.id] ?? []) }
        // Each file's narrowed ranges come back, not whole findings: putting 18,000 findings back one
        // by one into the report's array was 30 ms on one core on the 100 MB synthetic repository.
        let read = files.parallelMap { file -> (source: SourceFile?, narrowed: [(index: Int, range: SourceRange?)]) in
            let mine = file.findings.map { findings[$0] }
            let absolute = file.path.hasPrefix("/") ? file.path : Path.join(cwd, file.path)
            guard case .success(let bytes) = FileSystem.read(absolute, limit: 64 << 20) else { return (nil, []) }
            let prefix = SourcePrefix.needed(bytes, reaching: file.reach)
            let source = SourceFile(path: file.path, bytes: prefix)
            let narrowed = FocusNarrowing.narrow(mine, sources: [file.path: source])
            var changed: [(index: Int, range: SourceRange?)] = []
            for k in mine.indices where narrowed[k].range != mine[k].range { changed.append((file.findings[k], narrowed[k].range)) }
            // A file with a suppression comment stays whole (`SourcePrefix` kept it whole): the
            // suppressions are searched in every source the report holds.
            if prefix.count == bytes.count, SuppressionComment.contains(bytes, Array("iaclint:ignore".utf8)) {
                return (source, changed)
            }
            guard forExcerpts else { return (nil, changed) }
            return (ExcerptSource.keeping(lines: narrowed.compactMap { $0.range?.start.line }, of: source), changed)
        }
        var sources: [String: SourceFile] = [:]
        sources.reserveCapacity(files.count)
        for (file, result) in zip(files, read) {
            for change in result.narrowed { out[change.index].range = change.range }
            if let source = result.source, sources[file.path] == nil { sources[file.path] = source }
        }
        return (out, sources)
    }

    static func commonAncestor(_ paths: [String]) -> String {
        guard var common = paths.first else { return "/" }
        for p in paths.dropFirst() {
            while !Path.isInside(p, root: common) { common = Path.directory(of: common) }
        }
        return common
    }
}

/// The identity of IAC001, which the pipeline (not a rule) produces.
enum ParseErrorRule {
    static let id = "IAC001"
    static let name = "parse-error"
}
