// Values of the root module's variables in Terraform's precedence order: environment `TF_VAR_*`,
// `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)`, `--var-file`, `--var`.

import IaCLintCore
import HCL
import PositionedJSON

enum RootVariables {
    /// The values given for `module`'s variables (defaults are applied later, by the evaluator).
    static func values(for module: ModuleInstance, evaluator: Evaluator) -> [String: Value] {
        let context = evaluator.context
        let options = context.options
        let declared = module.config
        var result: [String: Value] = [:]
        // Values from the command line and environment are strings; complex types parse as HCL.
        func raw(_ name: String, _ text: String, origin: String) -> Value {
            let type = declared.variable(name)?.constraint ?? .any
            switch type {
            case .any, .string, .number, .bool: return .string(text)
            default:
                let (expression, diagnostics) = HCLParser.parseExpression(Array(text.utf8), path: origin)
                guard !diagnostics.contains(where: { $0.severity == .error }) else {
                    context.diagnostics.append(.error("the value of \(origin) for variable \"\(name)\" is not a valid expression", at: nil))
                    return Value.unknown(.invalid, "\(origin) var.\(name)")
                }
                var scope = EvalScope(module: module)
                scope.templateOnly = true
                return evaluator.evaluate(expression, scope).withRange(nil)
            }
        }
        for (key, name, text) in context.terraformEnvironmentVariables where declared.variableIndex[name] != nil {
            result[name] = raw(name, text, origin: "environment variable \(key)")
        }
        var files: [String] = []
        if let names = context.reader.listing(module.config.directory) {
            if names.contains("terraform.tfvars") { files.append("terraform.tfvars") }
            if names.contains("terraform.tfvars.json") { files.append("terraform.tfvars.json") }
            files += names.filter { $0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json") }
        }
        for name in files {
            let path = module.config.directory == "." ? name : Path.join(module.config.directory, name)
            merge(readVariableFile(path, module: module, evaluator: evaluator), into: &result, declared: declared)
        }
        for path in options.varFiles {
            merge(readVariableFile(path, module: module, evaluator: evaluator), into: &result, declared: declared)
        }
        for (name, text) in options.variables.sorted(by: { $0.key < $1.key }) where declared.variableIndex[name] != nil {
            result[name] = raw(name, text, origin: "--var \(name)")
        }
        return result
    }

    private static func merge(_ values: [String: Value], into result: inout [String: Value], declared: ModuleConfiguration) {
        for (k, v) in values where declared.variableIndex[k] != nil { result[k] = v }
    }

    /// A `.tfvars` (HCL) or `.tfvars.json` file's assignments, each value keeping its range.
    static func readVariableFile(_ path: String, module: ModuleInstance, evaluator: Evaluator) -> [String: Value] {
        let context = evaluator.context
        let bytes: [UInt8]
        switch context.options.fileReader(path) {
        case .success(let b): bytes = b
        case .failure(let e):
            context.diagnostics.append(.error("cannot read variable file \(path): \(e.message)", at: nil))
            return [:]
        }
        var out: [String: Value] = [:]
        if path.hasSuffix(".json") {
            let parsed = JSONReader.parse(bytes, path: path)
            context.diagnostics += parsed.diagnostics
            guard let root = parsed.document?.root, root.kind == .object else { return [:] }
            for m in root.members { out[m.key] = m.value.toValue(ranges: true) }
            return out
        }
        let file = HCLParser.parse(bytes, path: path)
        context.diagnostics += file.diagnostics
        var scope = EvalScope(module: module)
        scope.templateOnly = true
        for a in file.body.attributes { out[a.name] = evaluator.evaluate(a.expression, scope) }
        return out
    }
}
