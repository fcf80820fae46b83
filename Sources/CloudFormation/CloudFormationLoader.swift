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
        let parsed = parseTable(bytes, path: path)
        if let root = parsed.root, !TemplateDetection.isTemplateRoot(root, in: parsed) { return nil }
        return load(parsed, path: path)
    }

    /// Loads a template (YAML or JSON, a UTF-8 BOM included). Never traps: problems become
    /// diagnostics, and whatever could be read becomes resources.
    public static func load(_ bytes: [UInt8], path: String) -> ResourceGraph {
        load(parseTable(bytes, path: path), path: path)
    }

    /// `load`, with values kept only for some types. `keepingValuesOf`: the resource types whose
    /// attribute values the caller reads. Resources of other types get what `Resource.dropAttributeValues()` leaves (their edges, no values), read
    /// without building the values of their plain properties: building and then dropping them was
    /// a third of loading a template. Intrinsic calls are still evaluated in full, so the edges and
    /// diagnostics are exactly those of loading everything and dropping afterwards.
    public static func load(_ bytes: [UInt8], path: String, keepingValuesOf keep: (String) -> Bool) -> ResourceGraph {
        load(parseTable(bytes, path: path), path: path, keepingValuesOf: keep)
    }

    /// The template's node tree: JSON (first byte `{`) through PositionedJSON, YAML through libyaml.
    public static func parse(_ bytes: [UInt8], path: String) -> YAMLDocumentResult {
        let table = parseTable(bytes, path: path)
        return YAMLDocumentResult(documents: table.trees(), diagnostics: table.diagnostics)
    }

    /// The template's nodes as a flat table, what loading walks (see `YAMLNodeTable` for why).
    static func parseTable(_ bytes: [UInt8], path: String) -> YAMLNodeTable {
        JSONTemplateReader.isJSON(bytes) ? JSONTemplateReader.parseTable(bytes, path: path) : YAMLReader.parseTable(bytes, path: path)
    }

    static func load(_ table: consuming YAMLNodeTable, path: String, keepingValuesOf keep: (String) -> Bool = { _ in true }) -> ResourceGraph {
        let parsed = table
        var graph = ResourceGraph()
        graph.diagnostics = parsed.diagnostics
        guard let root = parsed.root else {
            if !parsed.hasErrors {
                graph.diagnostics.append(.error("template is empty", at: SourceRange(file: path, at: .start),
                                                detail: "A CloudFormation template needs a Resources section."))
            }
            return graph
        }
        guard parsed.isMapping(root) else {
            graph.diagnostics.append(.error("template must be a mapping of sections (Resources, Parameters…)", at: parsed.range(root)))
            return graph
        }
        if parsed.documents.count > 1 {
            graph.diagnostics.append(.error("a template holds one YAML document; later documents are ignored",
                                            at: SourceRange(file: path, at: parsed.range(parsed.documents[1]).start)))
        }
        let template = Template(path: path, root: root, table: parsed)
        graph.diagnostics += template.diagnostics
        let globals = template.isSAM ? parsed.value(root, "Globals") : nil
        let implicit = template.isSAM ? SAMImplicitAPIs(template: template, table: parsed) : nil
        // The resolver takes the table over: it adds nodes, and a second owner would make that copy it.
        var resolver = IntrinsicResolver(template: template, table: consume parsed)
        graph.reserveCapacity(template.resources.count + 2)

        var implicitAPIs: [Resource] = []
        if let implicit {
            for kind in [SAMNaming.APIKind.rest, .http] {
                let section = globals.flatMap { resolver.table.value($0, kind == .rest ? "Api" : "HttpApi") }
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
                                                    range: entry.keyRange))
                continue
            }
            graph.add(makeResource(entry, template: template, globals: globals, keepsValues: keep(entry.type),
                                   resolver: &resolver))
        }
        for var api in implicitAPIs {
            if !keep(api.type) { api.dropAttributeValues() }
            graph.add(api)
        }
        graph.diagnostics += resolver.diagnostics
        return graph
    }

    private static func makeResource(_ entry: Template.ResourceEntry, template: Template, globals: YAMLNodeTable.NodeID?,
                                     keepsValues: Bool, resolver: inout IntrinsicResolver) -> Resource {
        let body = entry.body
        var properties = resolver.table.value(body, "Properties")
        if let globals, let section = SAMGlobals.section(for: entry.type),
           let sectionGlobals = resolver.table.value(globals, forKey: section) {
            properties = SAMGlobals.apply(globals: sectionGlobals, to: properties, ignore: resolver.table.value(body, "IgnoreGlobals"),
                                          in: &resolver.table)
        }
        let attributes: Value
        if !keepsValues, let properties, let edges = resolver.edgesOfPlainMapping(properties) {
            // A stand-in holding the edges in order: `dropAttributeValues()` below keeps the first of
            // each as it does for loaded values (an empty mapping has no values to drop).
            attributes = edges.isEmpty ? .object([], range: resolver.table.range(properties))
                : .object([ObjectEntry("", Value(.null, references: edges))], range: resolver.table.range(properties))
        } else if let properties {
            let evaluated = resolver.evaluate(properties)
            if case .absent = evaluated.kind { attributes = .object([], range: resolver.table.range(properties)) } else { attributes = evaluated }
        } else {
            attributes = .object([], range: entry.keyRange)
        }
        var dependsOn: [Reference] = []
        if let node = resolver.table.value(body, "DependsOn") {
            for item in resolver.table.itemList(node) ?? [node] {
                guard let target = resolver.table.scalar(item) else { continue }
                let range = resolver.table.range(item)
                dependsOn.append(Reference(target: target, kind: .dependsOn, range: range))
                if template.resource(target) == nil {
                    resolver.diagnostics.append(Diagnostic(severity: .warning,
                                                           message: "DependsOn names \(target), which is not a resource of this template",
                                                           range: range))
                }
            }
        }
        var condition: Condition?
        if let node = resolver.table.value(body, "Condition"), let name = resolver.table.scalar(node) {
            let range = resolver.table.range(node)
            condition = Condition(name, range: range)
            if template.conditions[name] == nil {
                resolver.diagnostics.append(Diagnostic(severity: .warning,
                                                       message: "resource \(entry.logicalID) uses condition \(name), which is not in Conditions",
                                                       range: range))
            }
        }
        var metadata = resolver.table.value(body, "Metadata").map { resolver.evaluate($0) }
        if let kind = SAMNaming.APIKind(serverlessType: entry.type) {
            let stageName = properties.flatMap { resolver.table.value($0, "StageName") }
            let stageID = SAMNaming.generatedStageLogicalID(api: entry.logicalID,
                                                            stageName: SAMNaming.literalStageName(stageName, kind: kind, in: resolver.table),
                                                            kind: kind)
            let note = ObjectEntry(IaCLintMetadata.generatedStage, .string(stageID, range: entry.keyRange))
            if let existing = metadata?.objectEntries {
                metadata = Value(.object(existing + [note]), range: metadata?.range)
            } else if metadata == nil {
                metadata = .object([note], range: entry.keyRange)
            }
        }
        let origin: Resource.Origin = entry.type.hasPrefix("AWS::Serverless::") ? .sam : .cloudFormation
        var resource = Resource(address: entry.logicalID, type: entry.type, origin: origin, scope: template.path,
                                range: entry.keyRange, attributes: attributes, dependsOn: dependsOn,
                                condition: condition, metadata: metadata)
        if !keepsValues { resource.dropAttributeValues() }
        return resource
    }
}
