// Sorts a .yaml/.yml/.json/.template file into template, plan or neither, and loads it.

import IaCLintCore
import CloudFormation
import TerraformPlan

enum StructuredInput: Sendable {
    case template(ResourceGraph)
    case plan(PlanLoadResult)
    /// Kubernetes manifests, workflows, package.json…: silently not ours.
    case other
    case unreadable(Diagnostic)

    static func load(_ file: DiscoveredFile, reading suppressions: SuppressionSources) -> StructuredInput {
        switch FileSystem.read(file.absolutePath) {
        case .failure(let error):
            return .unreadable(.error(error.message, at: SourceRange(file: file.path, at: .start)))
        case .success(let bytes):
            suppressions.note(file.path, bytes)
            if TerraformPlanLoader.isPlan(bytes) {
                return .plan(TerraformPlanLoader.load(bytes, path: file.path))
            }
            if CloudFormationLoader.isTemplate(bytes, path: file.path) {
                return .template(CloudFormationLoader.load(bytes, path: file.path))
            }
            return .other
        }
    }
}
