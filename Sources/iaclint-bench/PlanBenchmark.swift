// Benchmark suite "plan": loads `terraform show -json` plans into the resource graph, and
// generates a deterministic large plan (`--generate PATH MB`) to measure throughput and peak RSS.

#if canImport(Glibc)
import Glibc
#endif
import IaCLintCore
import TerraformPlan

func runPlanBenchmark(_ args: [String]) -> Int32 {
    if args.first == "--generate" {
        guard args.count >= 2 else { print("usage: iaclint-bench plan --generate PATH [MB] [create|update]"); return 2 }
        let megabytes = args.count >= 3 ? Int(args[2]) ?? 100 : 100
        let existing = args.count >= 4 && args[3] == "update"
        let bytes = LargePlanGenerator.generate(targetBytes: megabytes * 1_000_000, existingInfrastructure: existing)
        guard let file = fopen(args[1], "wb") else { print("cannot write \(args[1])"); return 1 }
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        print("wrote \(args[1]): \(bytes.count) bytes")
        return 0
    }
    var runs = 5
    var paths: [String] = []
    var iterator = args.makeIterator()
    while let arg = iterator.next() {
        if arg == "--runs", let n = iterator.next().flatMap({ Int($0) }) { runs = n } else { paths.append(arg) }
    }
    var inputs: [(String, [UInt8])] = []
    if paths.isEmpty {
        inputs = [("synthetic-10MB.json", LargePlanGenerator.generate(targetBytes: 10_000_000))]
    }
    for path in paths {
        switch FileSystem.read(path) {
        case .success(let bytes): inputs.append((path, bytes))
        case .failure(let error): print(error); return 1
        }
    }
    let total = inputs.reduce(0) { $0 + $1.1.count }
    var resources = 0, errors = 0
    // Timed: loading. Freeing the graphs happens after the clock stops (a CLI run keeps the
    // graph until it exits).
    var times: [Double] = [], cpuTimes: [Double] = []
    for _ in 0..<max(1, runs) {
        var kept: [PlanLoadResult] = []
        let t0 = BenchClock.now(), c0 = cpuSeconds()
        for (path, bytes) in inputs { kept.append(TerraformPlanLoader.load(bytes, path: path)) }
        times.append(BenchClock.now() - t0)
        cpuTimes.append(cpuSeconds() - c0)
        resources = kept.reduce(0) { $0 + $1.graph.resources.count }
        errors = kept.reduce(0) { $0 + $1.graph.diagnostics.count }
    }
    times.sort()
    cpuTimes.sort()
    let seconds = times[times.count / 2]
    print("plan: \(resources) resources, \(errors) diagnostics; \(peakMemory())")
    BenchClock.report("plan", bytes: total, files: inputs.count, seconds: seconds)
    // On a shared machine wall time includes waiting for a core; CPU time does not.
    BenchClock.report("plan (CPU time)", bytes: total, files: inputs.count, seconds: cpuTimes[cpuTimes.count / 2])
    return errors == 0 ? 0 : 1
}

/// A deterministic plan shaped like `terraform show -json` output (compact, one line): REST and
/// HTTP stages, log groups and roles multiplied with `count`, each in planned_values and
/// resource_changes, plus the configuration.
///
/// `create`: everything is new (`before` null, no `prior_state`): values are ~half the file,
/// the worst case for memory. `update` (`existingInfrastructure`): a CI plan over deployed
/// infrastructure: three instances in four already exist (no-op, `before` = `after`, and a
/// `prior_state`), one in four is created.
enum LargePlanGenerator {
    static func generate(targetBytes: Int, existingInfrastructure: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(targetBytes + (1 << 20))
        // A group (one instance of each of the four kinds, in planned_values and resource_changes)
        // is ~5.3 KB; with existing infrastructure ~7.75 KB on average.
        let groups = max(1, targetBytes / (existingInfrastructure ? 7_750 : 5_300))
        func exists(_ i: Int) -> Bool { existingInfrastructure && i % 4 != 0 }
        func w(_ s: String) { out.append(contentsOf: s.utf8) }
        func stage(_ i: Int, unknownMask: Bool) -> String {
            let arn = unknownMask ? "" : "\"destination_arn\":\"arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/g\(i)\","
            return "{\"access_log_settings\":[{\(arn)\"format\":\"{\\\"requestId\\\":\\\"$context.requestId\\\",\\\"ip\\\":\\\"$context.identity.sourceIp\\\",\\\"status\\\":\\\"$context.status\\\"}\"}],"
                + "\"cache_cluster_enabled\":false,\"cache_cluster_size\":null,\"canary_settings\":[],\"client_certificate_id\":null,"
                + "\"description\":\"Stage \(i) of the synthetic benchmark plan, deterministic text of a realistic length.\","
                + "\"documentation_version\":null,\"stage_name\":\"s\(i)\",\"tags\":{\"Environment\":\"prod\",\"Owner\":\"team-\(i % 17)\",\"CostCenter\":\"cc-\(i % 101)\"},"
                + "\"variables\":{\"lambdaAlias\":\"live\",\"featureFlag\":\"\(i % 2 == 0 ? "on" : "off")\"},\"xray_tracing_enabled\":true}"
        }
        func logGroup(_ i: Int) -> String {
            "{\"kms_key_id\":null,\"log_group_class\":\"STANDARD\",\"name\":\"/aws/apigateway/g\(i)\",\"retention_in_days\":\(30 + i % 5),"
                + "\"skip_destroy\":false,\"tags\":{\"Environment\":\"prod\",\"Index\":\"\(i)\"}}"
        }
        func role(_ i: Int) -> String {
            "{\"assume_role_policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"Service\\\":\\\"apigateway.amazonaws.com\\\"},\\\"Action\\\":\\\"sts:AssumeRole\\\"}]}\","
                + "\"description\":null,\"force_detach_policies\":false,\"max_session_duration\":3600,\"name\":\"role-\(i)\",\"path\":\"/\",\"permissions_boundary\":null,\"tags\":null}"
        }
        func http(_ i: Int) -> String {
            "{\"access_log_settings\":[],\"api_id\":\"api\(i)\",\"auto_deploy\":true,\"client_certificate_id\":null,"
                + "\"default_route_settings\":[{\"data_trace_enabled\":false,\"detailed_metrics_enabled\":true,\"logging_level\":null,\"throttling_burst_limit\":\(i % 500),\"throttling_rate_limit\":\(i % 300)}],"
                + "\"description\":null,\"name\":\"h\(i)\",\"route_settings\":[],\"stage_variables\":null,\"tags\":{\"Index\":\"\(i)\"}}"
        }
        let kinds: [(type: String, name: String, values: (Int) -> String, unknown: String)] = [
            ("aws_api_gateway_stage", "s", { stage($0, unknownMask: true) },
             "{\"access_log_settings\":[{\"destination_arn\":true}],\"arn\":true,\"deployment_id\":true,\"execution_arn\":true,\"id\":true,\"invoke_url\":true,\"rest_api_id\":true,\"tags_all\":true,\"web_acl_arn\":true}"),
            ("aws_cloudwatch_log_group", "g", logGroup, "{\"arn\":true,\"id\":true,\"name_prefix\":true,\"tags_all\":true}"),
            ("aws_iam_role", "r", role, "{\"arn\":true,\"create_date\":true,\"id\":true,\"inline_policy\":true,\"managed_policy_arns\":true,\"unique_id\":true}"),
            ("aws_apigatewayv2_stage", "h", http, "{\"arn\":true,\"deployment_id\":true,\"execution_arn\":true,\"id\":true,\"invoke_url\":true,\"tags_all\":true}"),
        ]
        w("{\"format_version\":\"1.2\",\"terraform_version\":\"1.11.4\",\"planned_values\":{\"root_module\":{\"resources\":[")
        var first = true
        for kind in kinds {
            for i in 0..<groups {
                if !first { w(",") }
                first = false
                w("{\"address\":\"\(kind.type).\(kind.name)[\(i)]\",\"mode\":\"managed\",\"type\":\"\(kind.type)\",\"name\":\"\(kind.name)\",\"index\":\(i),"
                  + "\"provider_name\":\"registry.terraform.io/hashicorp/aws\",\"schema_version\":0,\"values\":\(kind.values(i)),\"sensitive_values\":{}}")
            }
        }
        w("]}},\"resource_changes\":[")
        first = true
        for kind in kinds {
            for i in 0..<groups {
                if !first { w(",") }
                first = false
                let values = kind.values(i)
                let change = exists(i)
                    ? "\"actions\":[\"no-op\"],\"before\":\(values),\"after\":\(values),\"after_unknown\":{},\"before_sensitive\":{\"tags\":{}},"
                    : "\"actions\":[\"create\"],\"before\":null,\"after\":\(values),\"after_unknown\":\(kind.unknown),\"before_sensitive\":false,"
                w("{\"address\":\"\(kind.type).\(kind.name)[\(i)]\",\"mode\":\"managed\",\"type\":\"\(kind.type)\",\"name\":\"\(kind.name)\",\"index\":\(i),"
                  + "\"provider_name\":\"registry.terraform.io/hashicorp/aws\",\"change\":{\(change)\"after_sensitive\":{\"tags\":{}}}}")
            }
        }
        w("]")
        if existingInfrastructure {
            w(",\"prior_state\":{\"format_version\":\"1.0\",\"terraform_version\":\"1.11.4\",\"values\":{\"root_module\":{\"resources\":[")
            first = true
            for kind in kinds {
                for i in 0..<groups where exists(i) {
                    if !first { w(",") }
                    first = false
                    w("{\"address\":\"\(kind.type).\(kind.name)[\(i)]\",\"mode\":\"managed\",\"type\":\"\(kind.type)\",\"name\":\"\(kind.name)\",\"index\":\(i),"
                      + "\"provider_name\":\"registry.terraform.io/hashicorp/aws\",\"schema_version\":0,\"values\":\(kind.values(i)),\"sensitive_values\":{}}")
                }
            }
            w("]}}}")
        }
        w(",\"configuration\":{\"root_module\":{\"resources\":[")
        w("{\"address\":\"aws_api_gateway_stage.s\",\"mode\":\"managed\",\"type\":\"aws_api_gateway_stage\",\"name\":\"s\",\"provider_config_key\":\"aws\","
          + "\"expressions\":{\"access_log_settings\":[{\"destination_arn\":{\"references\":[\"aws_cloudwatch_log_group.g\",\"count.index\"]},"
          + "\"format\":{\"constant_value\":\"$context.requestId\"}}],\"stage_name\":{\"references\":[\"count.index\"]}},"
          + "\"schema_version\":0,\"count_expression\":{\"constant_value\":\(groups)}}")
        for kind in kinds.dropFirst() {
            w(",{\"address\":\"\(kind.type).\(kind.name)\",\"mode\":\"managed\",\"type\":\"\(kind.type)\",\"name\":\"\(kind.name)\",\"provider_config_key\":\"aws\","
              + "\"expressions\":{},\"schema_version\":0,\"count_expression\":{\"constant_value\":\(groups)}}")
        }
        w("]}},\"timestamp\":\"2026-11-21T00:00:00Z\",\"applyable\":true,\"complete\":true,\"errored\":false}")
        return out
    }
}

/// Peak and current resident memory of this process (input bytes included).
func peakMemory() -> String {
    guard let f = fopen("/proc/self/status", "r") else { return "peak RSS unknown" }
    defer { fclose(f) }
    var peak = "?", current = "?"
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, f) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let number = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.map(String.init) ?? "?"
        if text.hasPrefix("VmHWM") { peak = number }
        if text.hasPrefix("VmRSS") { current = number }
    }
    return "peak RSS \(peak) kB, RSS \(current) kB"
}

/// CPU time used by this process so far (user + system).
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
