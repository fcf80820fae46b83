// The plan's `configuration` section: module tree, module sources and the references that the
// evaluated values lost (`destination_arn = aws_cloudwatch_log_group.x.arn`).

import IaCLintCore

/// Where a module of the configuration comes from.
public struct PlanModuleSource: Hashable, Sendable {
    /// `module.api.module.stage` (no instance keys).
    public var path: String
    /// The `source` argument as written (`./modules/api`, `terraform-aws-modules/...`).
    public var source: String
    /// The module's directory relative to the root module's directory ('/'-separated, normalised),
    /// when the source is a local path; nil for registry, git and other remote sources.
    public var directory: String?
}

/// One module of the configuration with its resources, calls and outputs.
struct PlanConfigModule {
    var path: String
    var directory: String?
    var resources: [String: Value] = [:]
    var resourceOrder: [String] = []
    var calls: [String: Value] = [:]
    var outputs: [String: Value] = [:]
}

struct PlanConfiguration {
    private(set) var modules: [String: PlanConfigModule] = [:]
    private(set) var sources: [PlanModuleSource] = []
    static let maximumResolutionDepth = 64

    init(_ configuration: Value?) {
        guard let root = configuration?["root_module"] else { return }
        add(root, path: "", directory: "", depth: 0)
    }

    private mutating func add(_ module: Value, path: String, directory: String?, depth: Int) {
        guard depth < PlanConfiguration.maximumResolutionDepth else { return }
        var entry = PlanConfigModule(path: path, directory: directory)
        for resource in module["resources"]?.listValue ?? [] {
            guard let address = resource["address"]?.stringValue else { continue }
            entry.resources[address] = resource
            entry.resourceOrder.append(address)
        }
        for output in module["outputs"]?.objectEntries ?? [] { entry.outputs[output.key] = output.value }
        for call in module["module_calls"]?.objectEntries ?? [] {
            entry.calls[call.key] = call.value
            let childPath = PlanAddress.prefix(path, "module.\(call.key)")
            let source = call.value["source"]?.stringValue ?? ""
            let childDirectory = directory.flatMap { PlanConfiguration.localDirectory(source, under: $0) }
            sources.append(PlanModuleSource(path: childPath, source: source, directory: childDirectory))
            if let child = call.value["module"] {
                add(child, path: childPath, directory: childDirectory, depth: depth + 1)
            }
        }
        modules[path] = entry
    }

    /// `./x` and `../x` sources are directories relative to the calling module.
    static func localDirectory(_ source: String, under parent: String) -> String? {
        guard source.hasPrefix("./") || source.hasPrefix("../") else { return nil }
        var parts = parent.split(separator: "/").map(String.init)
        for part in source.split(separator: "/") {
            switch part {
            case ".", "": continue
            case "..": if parts.isEmpty || parts.last == ".." { parts.append("..") } else { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    func resource(_ address: PlanAddress) -> Value? {
        modules[address.modulePath]?.resources[address.localAddress]
    }

    func directory(ofModule path: String) -> String? { modules[path]?.directory }

    // MARK: References

    /// Edges for one expression's `references`, resolved into the graph's address space from the
    /// module instance `module` (of a resource with instance key `key`): `var.x` follows the
    /// caller's argument, `module.m.out` the module's output, `each.key`/`count.index` in an
    /// index become the instance key.
    func resolve(_ references: [String], module: [PlanModuleStep], key: String?, range: SourceRange?, depth: Int = 0) -> [Reference] {
        guard depth < PlanConfiguration.maximumResolutionDepth else { return [] }
        var out: [Reference] = []
        var seen: Set<String> = []
        for text in references {
            for reference in resolveOne(text, module: module, key: key, range: range, depth: depth)
            where seen.insert(reference.target).inserted {
                out.append(reference)
            }
        }
        return out
    }

    private func resolveOne(_ text: String, module: [PlanModuleStep], key: String?, range: SourceRange?, depth: Int) -> [Reference] {
        let parts = PlanConfiguration.split(text)
        guard let first = parts.first else { return [] }
        let instance = PlanAddress.join(module.map(\.text))
        switch first.name {
        case "var":
            // A module variable: continue with the caller's argument, in the caller's scope.
            guard parts.count >= 2, let call = module.last else { return [] }
            let parent = Array(module.dropLast())
            let parentPath = PlanAddress.join(parent.map { "module.\($0.name)" })
            guard let argument = modules[parentPath]?.calls[call.name]?["expressions"]?[parts[1].name],
                  let refs = argument["references"]?.listValue?.compactMap(\.stringValue) else { return [] }
            return resolve(refs, module: parent, key: call.key, range: argument.range ?? range, depth: depth + 1)
        case "module":
            // A module output: continue with the output's expression inside that module.
            guard parts.count >= 2 else { return [] }
            let child = module + [PlanModuleStep(name: parts[1].name, key: parts[1].key)]
            let childPath = PlanAddress.join(child.map { "module.\($0.name)" })
            guard parts.count >= 3, let output = modules[childPath]?.outputs[parts[2].name],
                  let refs = output["expression"]?["references"]?.listValue?.compactMap(\.stringValue) else { return [] }
            return resolve(refs, module: child, key: nil, range: range, depth: depth + 1)
        case "local", "count", "each", "path", "terraform", "self", "ephemeral":
            return []
        case "data":
            guard parts.count >= 3 else { return [] }
            let target = PlanAddress.prefix(instance, "data.\(parts[1].name).\(parts[2].name)" + index(parts[2].key, key))
            return [Reference(target: target, attribute: parts.count > 3 ? parts[3].name : nil, range: range)]
        default:
            guard parts.count >= 2 else { return [] }
            let target = PlanAddress.prefix(instance, "\(first.name).\(parts[1].name)" + index(parts[1].key, key))
            return [Reference(target: target, attribute: parts.count > 2 ? parts[2].name : nil, range: range)]
        }
    }

    /// A literal index is kept; `each.key`/`count.index` become the referring instance's key;
    /// anything else refers to all instances (the base address).
    private func index(_ written: String?, _ instanceKey: String?) -> String {
        guard let written else { return "" }
        if written == "each.key" || written == "count.index" { return instanceKey.map { "[\($0)]" } ?? "" }
        if let c = written.utf8.first, c == UInt8(ascii: "\"") || (c >= 0x30 && c <= 0x39) { return "[\(written)]" }
        return ""
    }

    /// `aws_x.y[0].arn` → [(aws_x, nil), (y, "0"), (arn, nil)].
    static func split(_ text: String) -> [PlanModuleStep] {
        var scanner = AddressScanner(Array(text.utf8))
        var parts: [PlanModuleStep] = []
        while !scanner.atEnd {
            guard let name = scanner.identifier() else { break }
            var key: String?
            if scanner.peek == UInt8(ascii: "[") { key = scanner.bracket() }
            parts.append(PlanModuleStep(name: name, key: key))
            guard scanner.consume(".") else { break }
        }
        return parts
    }

    // MARK: Attaching references to values

    /// Adds the references of each expression in `expressions` to the matching value in
    /// `attributes`, in place. Returns whether anything was added.
    @discardableResult
    func attach(_ expressions: Value, to attributes: inout Value, module: [PlanModuleStep], key: String?) -> Bool {
        guard let exprs = expressions.objectEntries, !exprs.isEmpty, case .object(var entries) = attributes.kind else { return false }
        attributes.kind = .null  // the entries are now uniquely held and edited in place
        var changed = false
        for expression in exprs {
            guard let index = entries.lastIndex(where: { $0.key == expression.key }) else { continue }
            if attachOne(expression.value, to: &entries[index].value, module: module, key: key) { changed = true }
        }
        attributes.kind = .object(entries)
        return changed
    }

    private func attachOne(_ expression: Value, to value: inout Value, module: [PlanModuleStep], key: String?) -> Bool {
        if PlanConfiguration.isExpression(expression) {
            let refs = expression["references"]?.listValue?.compactMap(\.stringValue) ?? []
            guard !refs.isEmpty else { return false }
            let resolved = resolve(refs, module: module, key: key, range: expression.range)
            guard !resolved.isEmpty else { return false }
            value.references += resolved
            return true
        }
        // Nested blocks: a list of block bodies (list/set nesting) or one body (single nesting).
        if let blocks = expression.listValue {
            guard case .list(var items) = value.kind, items.count == blocks.count else { return false }
            value.kind = .null
            var changed = false
            for i in items.indices where attach(blocks[i], to: &items[i], module: module, key: key) { changed = true }
            value.kind = .list(items)
            return changed
        }
        if expression.objectEntries != nil {
            return attach(expression, to: &value, module: module, key: key)
        }
        return false
    }

    /// `{"references": [...]}` or `{"constant_value": ...}`, as opposed to a block body.
    static func isExpression(_ value: Value) -> Bool {
        guard let entries = value.objectEntries, !entries.isEmpty else { return false }
        return entries.allSatisfy { $0.key == "references" || $0.key == "constant_value" }
    }
}
