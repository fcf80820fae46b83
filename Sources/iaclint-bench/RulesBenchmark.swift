// Benchmark suite "rules": the logging model and rules APIGW001–APIGW010 over a graph, in
// resources per second: the cfn/sam corpora, and a synthetic Terraform-shaped graph at scale.

#if canImport(Glibc)
import Glibc
#endif
import CloudFormation
import IaCLintCore
import IaCLintRules

/// `iaclint-bench rules [stages] [paths...]`: rule time over the templates under the paths
/// (default: the cfn and sam corpora), then over a synthetic graph of `stages` REST stages
/// (default 20,000) with their log groups, method settings, one account and its role.
func runRulesBenchmark(_ args: [String]) -> Int32 {
    let stageCount = args.first.flatMap { Int($0) } ?? 20_000
    let roots = args.dropFirst(args.first.flatMap { Int($0) } == nil ? 0 : 1)
    var corpus = ResourceGraph()
    for root in roots.isEmpty ? ["../shared/corpus/cfn", "../shared/corpus/sam"] : Array(roots) {
        for path in BenchFiles.under(root) {
            guard case .success(let bytes) = FileSystem.read(path), CloudFormationLoader.isTemplate(bytes, path: path) else { continue }
            corpus.merge(CloudFormationLoader.load(bytes, path: path))
        }
    }
    for (label, graph) in [("rules corpus", corpus), ("rules synthetic", syntheticGraph(stages: stageCount))] where !graph.resources.isEmpty {
        var findings = 0
        // CPU time as well as wall time: on a shared machine the wall clock measures the neighbours.
        var cpu: [Double] = []
        let seconds = BenchClock.median(runs: 5) {
            let c0 = processCPUSeconds()
            findings = RuleEngine.check(graph).count
            cpu.append(processCPUSeconds() - c0)
        }
        cpu.sort()
        let cpuMedian = cpu[cpu.count / 2]
        let rate = cpuMedian > 0 ? Double(graph.resources.count) / cpuMedian : 0
        print("\(label): \(graph.resources.count) resources, \(findings) findings in \(Int((seconds * 1000).rounded())) ms wall, \(Int((cpuMedian * 1000).rounded())) ms CPU (medians of 5) = \(Int(rate)) resources per CPU second")
    }
    return 0
}

/// One Terraform root with `stages` REST stages, each with a log group, `*/*` method settings and a
/// dependency on the account, whose role is defined with a jsonencode'd trust policy.
private func syntheticGraph(stages: Int) -> ResourceGraph {
    let file = "main.tf"
    func at(_ line: Int) -> SourceRange {
        SourceRange(file: file, start: SourcePosition(line: line, column: 1, offset: line * 40),
                    end: SourcePosition(line: line, column: 30, offset: line * 40 + 29))
    }
    func ref(_ target: String, _ attribute: String, _ line: Int) -> Value {
        Value(.unknown(UnknownReason(.knownAfterApply, "\(target).\(attribute)")), range: at(line),
              references: [Reference(target: target, attribute: attribute, range: at(line))])
    }
    var resources: [Resource] = []
    let trust = #"{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"}}]}"#
    resources.append(Resource(address: "aws_iam_role.cw", type: "aws_iam_role", origin: .terraform, scope: ".", range: at(1),
                              attributes: .object([ObjectEntry("name", .string("cw")), ObjectEntry("assume_role_policy", .string(trust)),
                                                   ObjectEntry("managed_policy_arns", .list([.string("arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")]))])))
    resources.append(Resource(address: "aws_api_gateway_account.this", type: "aws_api_gateway_account", origin: .terraform, scope: ".",
                              range: at(2), attributes: .object([ObjectEntry("cloudwatch_role_arn", ref("aws_iam_role.cw", "arn", 3))])))
    for i in 0..<stages {
        let line = 10 + i * 30
        let group = "aws_cloudwatch_log_group.g\(i)", stage = "aws_api_gateway_stage.s\(i)"
        resources.append(Resource(address: group, type: "aws_cloudwatch_log_group", origin: .terraform, scope: ".", range: at(line),
                                  attributes: .object([ObjectEntry("name", .string("/aws/apigateway/g\(i)")),
                                                       ObjectEntry("retention_in_days", .number(i % 2 == 0 ? 30 : 0))])))
        let settings = Value.list([.object([ObjectEntry("destination_arn", ref(group, "arn", line + 6), keyRange: at(line + 6)),
                                            ObjectEntry("format", .string(#"{"requestId":"$context.requestId","ip":"$context.identity.sourceIP","status":"$context.status"}"#),
                                                        keyRange: at(line + 7))])])
        resources.append(Resource(address: stage, type: "aws_api_gateway_stage", origin: .terraform, scope: ".", range: at(line + 3),
                                  attributes: .object([ObjectEntry("rest_api_id", .string("api\(i)")), ObjectEntry("stage_name", .string("prod")),
                                                       ObjectEntry("access_log_settings", settings, keyRange: at(line + 5))]),
                                  dependsOn: i % 3 == 0 ? [] : [Reference(target: "aws_api_gateway_account.this", kind: .dependsOn)]))
        resources.append(Resource(address: "aws_api_gateway_method_settings.m\(i)", type: "aws_api_gateway_method_settings", origin: .terraform,
                                  scope: ".", range: at(line + 12),
                                  attributes: .object([ObjectEntry("rest_api_id", .string("api\(i)")),
                                                       ObjectEntry("stage_name", ref(stage, "stage_name", line + 13)),
                                                       ObjectEntry("method_path", .string("*/*")),
                                                       ObjectEntry("settings", .list([.object([ObjectEntry("logging_level", .string("ERROR"))])]))])))
    }
    return ResourceGraph(resources: resources)
}

private func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

