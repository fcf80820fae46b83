// Entry point: detects `terraform show -json` plans and states and reads them into a ResourceGraph.

import IaCLintCore
import PositionedJSON

/// What the pipeline needs to point a plan resource back at its `.tf` declaration.
public struct PlanResourceSource: Hashable, Sendable {
    /// The resource's address in the graph (`module.api["eu"].aws_apigatewayv2_stage.this[0]`).
    public var address: String
    /// The declaration in the configuration: module path without instance keys plus type.name
    /// (`module.api.aws_apigatewayv2_stage.this`).
    public var configAddress: String
    /// `module.api` (no keys), empty for the root module.
    public var modulePath: String
    /// The declaring module's directory relative to the root module's directory ("" for the root
    /// module); nil when the module is remote or the plan has no `configuration`.
    public var moduleDirectory: String?
}

public enum PlanDocumentKind: String, Hashable, Sendable {
    /// `terraform show -json PLANFILE`
    case plan
    /// `terraform show -json` of a state (values, no changes).
    case state
}

public struct PlanLoadOptions: Sendable {
    /// Give every attribute value its range in the plan file. Nil: only for files up to
    /// `automaticRangeLimit` bytes, because ranges on millions of values would dominate memory.
    public var valueRanges: Bool?
    public static let automaticRangeLimit = 16 << 20
    public var maximumDepth: Int

    public init(valueRanges: Bool? = nil, maximumDepth: Int = 512) {
        self.valueRanges = valueRanges
        self.maximumDepth = maximumDepth
    }
}

public struct PlanLoadResult: Sendable {
    /// Resources with origin `.terraformPlan`, scope = the plan's path; diagnostics for errors.
    public var graph: ResourceGraph
    /// Source mapping for each resource of `graph`, in the same order.
    public var sources: [PlanResourceSource]
    /// Every module call in the configuration, with local directories resolved.
    public var modules: [PlanModuleSource]
    /// The root module's variable values the plan was made with (`-var`, tfvars, defaults),
    /// with ranges in the plan; empty for a state.
    public var variables: [ObjectEntry] = []
    public var kind: PlanDocumentKind
    public var formatVersion: String?
    public var terraformVersion: String?
    /// How the file was encoded (UTF-16 plans are transcoded; ranges refer to the UTF-8 text).
    public var encoding: JSONTextEncoding?
}

public enum TerraformPlanLoader {
    /// Cheap content detection, whatever the file name: a JSON object with `format_version` and
    /// `planned_values` or `resource_changes` (a plan) or `values.root_module` (a state).
    public static func isPlan(_ bytes: [UInt8]) -> Bool {
        let text: [UInt8]
        if bytes.count >= 2, bytes[0] == 0xFF || bytes[0] == 0xFE || bytes[0] == 0 || bytes[1] == 0 {
            guard case .success(let decoded) = JSONText.decode(bytes) else { return false }
            text = decoded.text
        } else {
            text = bytes
        }
        return text.withUnsafeBufferPointer { b in
            var i = 0
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: "{") else { return false }
            guard contains(b, "\"format_version\"") else { return false }
            return contains(b, "\"planned_values\"") || contains(b, "\"resource_changes\"") || contains(b, "\"root_module\"")
        }
    }

    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        guard b.count >= n else { return false }
        let first = p[0]
        var i = 0
        let last = b.count - n
        while i <= last {
            if b[i] == first {
                var k = 1
                while k < n, b[i + k] == p[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }

    /// Reads a plan or state. Errors (invalid JSON, unsupported format) come back as diagnostics
    /// with an empty graph.
    public static func load(_ bytes: [UInt8], path: String, options: PlanLoadOptions = PlanLoadOptions()) -> PlanLoadResult {
        var result = PlanLoadResult(graph: ResourceGraph(), sources: [], modules: [], kind: .plan)
        let decoded: JSONText
        switch JSONText.decode(bytes) {
        case .success(let text): decoded = text
        case .failure(let error):
            result.graph.diagnostics.append(JSONReader.diagnostic(error, path: path, lines: LineIndex([])))
            return result
        }
        result.encoding = decoded.encoding
        // Offsets are kept in 32 bits (as in core positions).
        guard decoded.text.count < Int(UInt32.max) else {
            result.graph.diagnostics.append(.error("the plan is larger than 4 GiB; iaclint reads plans up to 4 GiB", at: nil))
            return result
        }
        let lines = LineIndex(decoded.text)
        let withRanges = options.valueRanges ?? (decoded.text.count <= PlanLoadOptions.automaticRangeLimit)
        let rangeMaker: ((Int, Int) -> SourceRange)? = withRanges ? { [fileID = SourceFileID(path)] in lines.range(file: fileID, $0, $1) } : nil
        var document = PlanDocumentReader(reader: JSONPullReader(text: decoded.text, startOffset: decoded.start,
                                                                 maximumDepth: options.maximumDepth),
                                          valueRange: rangeMaker, lines: lines, path: path)
        do {
            try document.read()
        } catch {
            result.graph.diagnostics.append(JSONReader.diagnostic(error, path: path, lines: lines))
            return result
        }
        result.formatVersion = document.formatVersion
        result.variables = document.variables
        result.terraformVersion = document.terraformVersion
        result.kind = document.isState && !document.sawPlanSection ? .state : .plan
        if let problem = PlanFormatVersion.problem(with: document.formatVersion) {
            result.graph.diagnostics.append(.error(problem, at: lines.range(file: SourceFileID(path), decoded.start, decoded.start)))
            return result
        }
        var builder = PlanGraphBuilder(document: consume document, path: path, fileID: SourceFileID(path), lines: lines)
        builder.build(into: &result)
        return result
    }
}
