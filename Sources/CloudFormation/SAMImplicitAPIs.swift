// SAM's implicit APIs: `ServerlessRestApi` and `ServerlessHttpApi`, created for function events
// that name no API, synthesized as serverless API resources that point at the events creating them.

import IaCLintCore
import YAML

struct SAMImplicitAPIs {
    struct Creator {
        let name: String
        let range: SourceRange
    }

    var rest: [Creator] = []
    var http: [Creator] = []

    /// Functions and state machines with `Api` events lacking `RestApiId`, or `HttpApi` events
    /// lacking `ApiId`, use the implicit API.
    init(template: Template, table: YAMLNodeTable) {
        for resource in template.resources
        where resource.type == "AWS::Serverless::Function" || resource.type == "AWS::Serverless::StateMachine" {
            guard let properties = table.value(resource.body, "Properties"), let events = table.value(properties, "Events"),
                  table.isMapping(events) else { continue }
            for index in 0..<table.entryCount(events) {
                let event = table.entry(events, at: index)
                guard let eventName = table.scalar(event.key), let typeNode = table.value(event.value, "Type"),
                      let type = table.scalar(typeNode), !table.hasTag(typeNode) else { continue }
                let properties = table.value(event.value, "Properties")
                let creator = Creator(name: "\(resource.logicalID).Events.\(eventName)", range: table.range(event.key))
                if type == "Api", properties.flatMap({ table.value($0, "RestApiId") }) == nil {
                    rest.append(creator)
                } else if type == "HttpApi", properties.flatMap({ table.value($0, "ApiId") }) == nil {
                    http.append(creator)
                }
            }
        }
    }

    /// The synthesized resource, or nil when no event needs it or the template declares that API
    /// itself. A resource of another type under the implicit API's id is replaced by SAM (its
    /// translator output keeps only the API), so the loader drops it with a warning.
    func resource(kind: SAMNaming.APIKind, template: Template, globals: YAMLNodeTable.NodeID?,
                  resolver: inout IntrinsicResolver) -> Resource? {
        let creators = kind == .rest ? rest : http
        let id = kind == .rest ? SAMNaming.implicitRestAPILogicalID : SAMNaming.implicitHttpAPILogicalID
        let type = kind == .rest ? "AWS::Serverless::Api" : "AWS::Serverless::HttpApi"
        guard let first = creators.first, template.resource(id)?.type != type else { return nil }
        var properties = globals
        if kind == .rest {
            // SAM sets StageName: Prod on the implicit API; it points at the first creating event.
            let stageKey = resolver.table.appendScalar("StageName", style: .plain, range: first.range)
            let stageValue = resolver.table.appendScalar(SAMNaming.implicitRestStageName, style: .plain, range: first.range)
            let own = resolver.table.appendCollection(.mapping, children: [stageKey, stageValue], range: first.range)
            properties = globals.map { SAMGlobals.merge(global: $0, local: own, in: &resolver.table) } ?? own
        }
        var attributes = properties.map { resolver.evaluate($0) } ?? .object([], range: first.range)
        if case .object = attributes.kind {} else { attributes = .object([], range: first.range) }
        let stageID = SAMNaming.generatedStageLogicalID(api: id, stageName: kind == .rest ? SAMNaming.implicitRestStageName
                                                            : SAMNaming.defaultStageName(kind), kind: kind)
        let metadata = Value.object([
            ObjectEntry(IaCLintMetadata.implicit, .bool(true, range: first.range)),
            ObjectEntry(IaCLintMetadata.createdBy, .list(creators.map { .string($0.name, range: $0.range) })),
            ObjectEntry(IaCLintMetadata.generatedStage, .string(stageID, range: first.range)),
        ], range: first.range)
        return Resource(address: id, type: type, origin: .sam, scope: template.path, range: first.range,
                        attributes: attributes, metadata: metadata)
    }
}
