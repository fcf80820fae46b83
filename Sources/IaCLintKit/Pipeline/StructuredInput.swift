// Sorts a .yaml/.yml/.json/.template file into template, plan or neither, and loads it.

import IaCLintCore
import IaCLintRules
import CloudFormation
import TerraformPlan

enum StructuredInput: Sendable {
    case template(ResourceGraph)
    case plan(PlanLoadResult)
    /// Kubernetes manifests, workflows, package.json…: silently not ours.
    case other
    case unreadable(Diagnostic)

    /// `dropsUnreadValues`: see `LintRequest.dropsUnreadAttributeValues`.
    static func load(_ file: DiscoveredFile, reading suppressions: SuppressionSources,
                     dropsUnreadValues: Bool = false) -> StructuredInput {
        switch FileSystem.read(file.absolutePath) {
        case .failure(let error):
            return .unreadable(.error(error.message, at: SourceRange(file: file.path, at: .start)))
        case .success(let bytes):
            suppressions.note(file.path, bytes)
            if TerraformPlanLoader.isPlan(bytes) {
                var load = TerraformPlanLoader.load(bytes, path: file.path)
                if dropsUnreadValues { load.graph.trimAttributeValues(RuleEngine.dropUnreadAttributeValues) }
                return .plan(load)
            }
            if CloudFormationLoader.isTemplate(bytes, path: file.path) {
                var graph = dropsUnreadValues
                    ? CloudFormationLoader.load(bytes, path: file.path, keepingValuesOf: RuleEngine.readsAttributes(ofType:))
                    : CloudFormationLoader.load(bytes, path: file.path)
                if dropsUnreadValues { graph.trimAttributeValues(RuleEngine.dropUnreadAttributeValues) }
                return .template(graph)
            }
            return .other
        }
    }
}
