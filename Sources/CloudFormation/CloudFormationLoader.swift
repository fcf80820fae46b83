// Entry points: detect a CloudFormation/SAM template and turn it into the resource graph.

import IaCLintCore
import YAML

public enum CloudFormationLoader {
    /// True for a `.yaml`, `.yml`, `.json` or `.template` file that is a CloudFormation or SAM
    /// template; other YAML/JSON is to be skipped silently. Decided from the bytes without parsing
    /// (see `TemplateDetection.looksLikeTemplate`), so a broken template is still detected and its
    /// syntax error reported by `load`.
    public static func isTemplate(_ bytes: [UInt8], path: String) -> Bool {
        TemplateDetection.hasTemplateExtension(path) && TemplateDetection.looksLikeTemplate(bytes)
    }

    /// Detection and loading together, with the parsed structure confirming the byte check:
    /// nil when the file is not a template.
    public static func loadIfTemplate(_ bytes: [UInt8], path: String) -> ResourceGraph? {
        guard isTemplate(bytes, path: path) else { return nil }
        let parsed = parse(bytes, path: path)
        if let root = parsed.root, !TemplateDetection.isTemplateRoot(root) { return nil }
        return load(parsed, path: path)
    }

    /// Loads a template (YAML or JSON, a UTF-8 BOM included). Never traps: problems become
    /// diagnostics, and whatever could be read becomes resources.
    public static func load(_ bytes: [UInt8], path: String) -> ResourceGraph {
        load(parse(bytes, path: path), path: path)
    }

    /// The template's node tree: JSON (first byte `{`) through PositionedJSON, YAML through libyaml.
    public static func parse(_ bytes: [UInt8], path: String) -> YAMLDocumentResult {
        JSONTemplateReader.isJSON(bytes) ? JSONTemplateReader.parse(bytes, path: path) : YAMLReader.parse(bytes, path: path)
    }

    static func load(_ parsed: YAMLDocumentResult, path: String) -> ResourceGraph {
        var graph = ResourceGraph()
        graph.diagnostics = parsed.diagnostics
        guard let root = parsed.root else {
            if !parsed.hasErrors {
                graph.diagnostics.append(.error("template is empty", at: SourceRange(file: path, at: .start),
                                                detail: "A CloudFormation template needs a Resources section."))
            }
            return graph
        }
        guard root.isMapping else {
            graph.diagnostics.append(.error("template must be a mapping of sections (Resources, Parameters…)", at: root.range))
            return graph
        }
        if parsed.documents.count > 1, let second = parsed.documents.dropFirst().first {
            graph.diagnostics.append(.error("a template holds one YAML document; later documents are ignored",
                                            at: SourceRange(file: path, at: second.range.start)))
        }
        let template = Template(path: path, root: root)
        graph.diagnostics += template.diagnostics
        var resolver = IntrinsicResolver(template: template)
        let globals = template.isSAM ? root["Globals"] : nil

        var implicitAPIs: [Resource] = []
        if template.isSAM {
            let implicit = SAMImplicitAPIs(template: template)
            for kind in [SAMNaming.APIKind.rest, .http] {
                let section = globals?[kind == .rest ? "Api" : "HttpApi"]
                if let api = implicit.resource(kind: kind, template: template, globals: section, resolver: &resolver) {
                    implicitAPIs.append(api)
                }
            }
        }
        for entry in template.resources {
            if let api = implicitAPIs.first(where: { $0.address == entry.logicalID }) {
                graph.diagnostics.append(Diagnostic(severity: .warning,
                                                    message: "resource \(entry.logicalID) is replaced by the API SAM creates for events without an API id",
                                                    detail: "Rename the resource; \(api.address) is the logical id of SAM's implicit API.",
                                                    range: entry.key.range))
                continue
            }
            graph.add(makeResource(entry, template: template, globals: globals, resolver: &resolver))
        }
        for api in implicitAPIs { graph.add(api) }
        graph.diagnostics += resolver.diagnostics
        return graph
    }

    private static func makeResource(_ entry: Template.ResourceEntry, template: Template, globals: YAMLNode?,
                                     resolver: inout IntrinsicResolver) -> Resource {
        let body = entry.body
        var properties = body["Properties"]
        if let globals, let section = SAMGlobals.section(for: entry.type), let sectionGlobals = globals[section] {
            properties = SAMGlobals.apply(globals: sectionGlobals, to: properties, ignore: body["IgnoreGlobals"])
        }
        let attributes: Value
        if let properties {
            let evaluated = resolver.evaluate(properties)
            if case .absent = evaluated.kind { attributes = .object([], range: properties.range) } else { attributes = evaluated }
        } else {
            attributes = .object([], range: entry.key.range)
        }
        var dependsOn: [Reference] = []
        if let node = body["DependsOn"] {
            for item in node.items ?? [node] {
                guard let target = item.scalar else { continue }
                dependsOn.append(Reference(target: target, kind: .dependsOn, range: item.range))
                if template.resource(target) == nil {
                    resolver.diagnostics.append(Diagnostic(severity: .warning,
                                                           message: "DependsOn names \(target), which is not a resource of this template",
                                                           range: item.range))
                }
            }
        }
        var condition: Condition?
        if let node = body["Condition"], let name = node.scalar {
            condition = Condition(name, range: node.range)
            if template.conditions[name] == nil {
                resolver.diagnostics.append(Diagnostic(severity: .warning,
                                                       message: "resource \(entry.logicalID) uses condition \(name), which is not in Conditions",
                                                       range: node.range))
            }
        }
        var metadata = body["Metadata"].map { resolver.evaluate($0) }
        if let kind = SAMNaming.APIKind(serverlessType: entry.type) {
            let stageID = SAMNaming.generatedStageLogicalID(api: entry.logicalID,
                                                            stageName: SAMNaming.literalStageName(properties?["StageName"], kind: kind),
                                                            kind: kind)
            let note = ObjectEntry(IaCLintMetadata.generatedStage, .string(stageID, range: entry.key.range))
            if let existing = metadata?.objectEntries {
                metadata = Value(.object(existing + [note]), range: metadata?.range)
            } else if metadata == nil {
                metadata = .object([note], range: entry.key.range)
            }
        }
        let origin: Resource.Origin = entry.type.hasPrefix("AWS::Serverless::") ? .sam : .cloudFormation
        return Resource(address: entry.logicalID, type: entry.type, origin: origin, scope: template.path,
                        range: entry.key.range, attributes: attributes, dependsOn: dependsOn,
                        condition: condition, metadata: metadata)
    }
}
