// A template's sections indexed for resolution: parameters, mappings, conditions and resources.

import IaCLintCore
import YAML

/// Nodes are indices into the template's `YAMLNodeTable`, which the resolver owns.
struct Template {
    typealias NodeID = YAMLNodeTable.NodeID

    struct Parameter {
        let name: String
        let type: String?
        let defaultValue: NodeID?
    }

    struct ResourceEntry {
        let logicalID: String
        let body: NodeID
        let type: String
        /// The key's range: where findings about the resource as a whole point.
        let keyRange: SourceRange
    }

    let path: String
    let root: NodeID
    private(set) var parameters: [String: Parameter] = [:]
    private(set) var mappings: NodeID?
    private(set) var conditions: [String: SourceRange] = [:]
    private(set) var resources: [ResourceEntry] = []
    private(set) var resourceIndex: [String: Int] = [:]
    private(set) var isSAM = false
    private var usesServerlessTypes = false
    /// Structural problems (a resource with no Type, a section of the wrong shape).
    private(set) var diagnostics: [Diagnostic] = []

    static let samTransform = "AWS::Serverless-2016-10-31"

    init(path: String, root: NodeID, table: YAMLNodeTable) {
        self.path = path
        self.root = root
        let rootRange = table.range(root)
        if let transform = table.value(root, "Transform") {
            let names = table.itemList(transform)?.compactMap { table.scalar($0) } ?? table.scalar(transform).map { [$0] } ?? []
            isSAM = names.contains(Template.samTransform)
        }
        if let section = table.value(root, "Parameters") {
            for entry in mappingEntries(section, name: "Parameters", table: table) {
                guard let name = table.scalar(entry.key) else { continue }
                parameters[name] = Parameter(name: name, type: table.value(entry.value, "Type").flatMap { table.scalar($0) },
                                             defaultValue: table.value(entry.value, "Default"))
            }
        }
        if let section = table.value(root, "Mappings") { mappings = section }
        if let section = table.value(root, "Conditions") {
            for entry in mappingEntries(section, name: "Conditions", table: table) {
                if let name = table.scalar(entry.key) { conditions[name] = table.range(entry.key) }
            }
        }
        guard let section = table.value(root, "Resources") else {
            diagnostics.append(.error("template has no Resources section", at: SourceRange(file: path, at: rootRange.start),
                                      detail: "Every CloudFormation template needs a Resources map."))
            return
        }
        let entries = mappingEntries(section, name: "Resources", table: table)
        resources.reserveCapacity(entries.count)
        resourceIndex.reserveCapacity(entries.count)
        for entry in entries {
            guard let id = table.scalar(entry.key) else { continue }
            let keyRange = table.range(entry.key)
            if id.hasPrefix("Fn::ForEach::") {
                diagnostics.append(Diagnostic(severity: .note, message: "\(id) is not expanded; the resources it generates are not checked",
                                              range: keyRange))
                continue
            }
            guard table.isMapping(entry.value) else {
                diagnostics.append(.error("resource \(id) must be a mapping with a Type", at: keyRange))
                continue
            }
            guard let typeNode = table.value(entry.value, "Type"), let type = table.scalar(typeNode), !table.hasTag(typeNode) else {
                diagnostics.append(.error("resource \(id) has no Type", at: keyRange,
                                          detail: "Add a Type such as AWS::ApiGateway::Stage."))
                continue
            }
            if type.hasPrefix("AWS::Serverless::") { usesServerlessTypes = true }
            resourceIndex[id] = resources.count
            resources.append(ResourceEntry(logicalID: id, body: entry.value, type: type, keyRange: keyRange))
        }
        // Serverless types mean SAM was intended: expand it, and say the transform line is missing.
        if usesServerlessTypes, !isSAM {
            isSAM = true
            diagnostics.append(Diagnostic(severity: .warning,
                                          message: "template uses AWS::Serverless resources but has no Transform: \(Template.samTransform)",
                                          detail: "CloudFormation rejects AWS::Serverless types unless the SAM transform is declared.",
                                          range: SourceRange(file: path, at: rootRange.start)))
        }
    }

    func resource(_ id: String) -> ResourceEntry? {
        resourceIndex[id].map { resources[$0] }
    }

    private mutating func mappingEntries(_ node: NodeID, name: String, table: YAMLNodeTable) -> [(key: NodeID, value: NodeID)] {
        if let entries = table.entryList(node) { return entries }
        if table.isNull(node) { return [] }
        diagnostics.append(.error("\(name) must be a mapping", at: table.range(node)))
        return []
    }
}
