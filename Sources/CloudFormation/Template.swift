// A template's sections indexed for resolution: parameters, mappings, conditions and resources.

import IaCLintCore
import YAML

struct Template {
    struct Parameter {
        let name: String
        let type: String?
        let defaultValue: YAMLNode?
    }

    struct ResourceEntry {
        let logicalID: String
        let key: YAMLNode
        let body: YAMLNode
        let type: String
    }

    let path: String
    let root: YAMLNode
    private(set) var parameters: [String: Parameter] = [:]
    private(set) var mappings: YAMLNode?
    private(set) var conditions: [String: SourceRange] = [:]
    private(set) var resources: [ResourceEntry] = []
    private(set) var resourceIndex: [String: Int] = [:]
    private(set) var isSAM = false
    private var usesServerlessTypes = false
    /// Structural problems (a resource with no Type, a section of the wrong shape).
    private(set) var diagnostics: [Diagnostic] = []

    static let samTransform = "AWS::Serverless-2016-10-31"

    init(path: String, root: YAMLNode) {
        self.path = path
        self.root = root
        if let transform = root["Transform"] {
            let names = transform.items?.compactMap(\.scalar) ?? transform.scalar.map { [$0] } ?? []
            isSAM = names.contains(Template.samTransform)
        }
        if let section = root["Parameters"] {
            for entry in mappingEntries(section, name: "Parameters") {
                guard let name = entry.key.scalar else { continue }
                parameters[name] = Parameter(name: name, type: entry.value["Type"]?.scalar,
                                             defaultValue: entry.value["Default"])
            }
        }
        if let section = root["Mappings"] { mappings = section }
        if let section = root["Conditions"] {
            for entry in mappingEntries(section, name: "Conditions") {
                if let name = entry.key.scalar { conditions[name] = entry.key.range }
            }
        }
        guard let section = root["Resources"] else {
            diagnostics.append(.error("template has no Resources section", at: SourceRange(file: path, at: root.range.start),
                                      detail: "Every CloudFormation template needs a Resources map."))
            return
        }
        for entry in mappingEntries(section, name: "Resources") {
            guard let id = entry.key.scalar else { continue }
            if id.hasPrefix("Fn::ForEach::") {
                diagnostics.append(Diagnostic(severity: .note, message: "\(id) is not expanded; the resources it generates are not checked",
                                              range: entry.key.range))
                continue
            }
            guard entry.value.isMapping else {
                diagnostics.append(.error("resource \(id) must be a mapping with a Type", at: entry.key.range))
                continue
            }
            guard let typeNode = entry.value["Type"], let type = typeNode.scalar, typeNode.tag == nil else {
                diagnostics.append(.error("resource \(id) has no Type", at: entry.key.range,
                                          detail: "Add a Type such as AWS::ApiGateway::Stage."))
                continue
            }
            if type.hasPrefix("AWS::Serverless::") { usesServerlessTypes = true }
            resourceIndex[id] = resources.count
            resources.append(ResourceEntry(logicalID: id, key: entry.key, body: entry.value, type: type))
        }
        // Serverless types mean SAM was intended: expand it, and say the transform line is missing.
        if usesServerlessTypes, !isSAM {
            isSAM = true
            diagnostics.append(Diagnostic(severity: .warning,
                                          message: "template uses AWS::Serverless resources but has no Transform: \(Template.samTransform)",
                                          detail: "CloudFormation rejects AWS::Serverless types unless the SAM transform is declared.",
                                          range: SourceRange(file: path, at: root.range.start)))
        }
    }

    func resource(_ id: String) -> ResourceEntry? {
        resourceIndex[id].map { resources[$0] }
    }

    private mutating func mappingEntries(_ node: YAMLNode, name: String) -> [(key: YAMLNode, value: YAMLNode)] {
        if let entries = node.entries { return entries }
        if node.isNull { return [] }
        diagnostics.append(.error("\(name) must be a mapping", at: node.range))
        return []
    }
}
