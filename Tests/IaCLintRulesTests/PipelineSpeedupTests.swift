// The faster forms of the rules' look-ups and sorts give exactly the answers of the plain ones.

import XCTest
import IaCLintCore
@testable import IaCLintRules

final class PipelineSpeedupTests: XCTestCase {
    /// A graph whose scopes come back in separate runs, with instances, several types and enough
    /// resources to be indexed in parallel chunks.
    func randomGraph(seed: UInt64, count: Int) -> ResourceGraph {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let types = ["aws_api_gateway_stage", "aws_cloudwatch_log_group", "aws_iam_role", "AWS::ApiGateway::Stage", "aws_s3_bucket"]
        var resources: [Resource] = []
        var scope = "s0"
        for i in 0..<count {
            if next(7) == 0 { scope = "s\(next(40))" }
            let type = types[next(types.count)]
            let name = "r\(next(30))"
            let key: String? = next(3) == 0 ? "\(next(4))" : nil
            // Sometimes an instance without the `[key]` suffix: its address and base address are one.
            let address = "\(type).\(name)" + (key.map { next(5) == 0 ? "" : "[\($0)]" } ?? "")
            resources.append(Resource(address: address, type: type, origin: .terraform, scope: scope, instanceKey: key,
                                      range: SourceRange(file: "f\(i % 13).tf", at: SourcePosition(line: i + 1, column: 1, offset: i))))
        }
        return ResourceGraph(resources: resources)
    }

    func testResourceLookupAnswersAsTheGraphIndex() {
        for (seed, count) in [(1, 10), (2, 500), (3, 9000), (4, 20000)] as [(UInt64, Int)] {
            let graph = randomGraph(seed: seed, count: count)
            let lookup = ResourceLookup(graph: graph, types: ["aws_api_gateway_stage", "aws_iam_role", "AWS::ApiGateway::Stage"])
            let scopes = Set(graph.resources.map(\.scope)).union(["nowhere"])
            for scope in scopes {
                XCTAssertEqual(lookup.indices(inScope: scope), graph.indices(inScope: scope), "scope \(scope)")
                var targets = Set(graph.resources.filter { $0.scope == scope }.flatMap { [$0.address, $0.baseAddress] })
                targets.insert("aws_iam_role.missing")
                for target in targets {
                    XCTAssertEqual(lookup.resolve(target, scope: scope), graph.resolve(target, scope: scope), "\(scope) \(target)")
                }
            }
            // A position's scope number is the number of the scope whose runs hold it.
            let first = Dictionary(graph.resources.indices.map { (graph.resources[$0].scope, $0) }, uniquingKeysWith: { a, _ in a })
            for i in graph.resources.indices {
                XCTAssertEqual(lookup.scopeNumber(at: i), lookup.scopeNumber(at: first[graph.resources[i].scope] ?? -1), "position \(i)")
                XCTAssertTrue(lookup.runs(inScope: graph.resources[i].scope).contains { $0.contains(i) })
            }
            XCTAssertEqual(Set(graph.resources.indices.compactMap { lookup.scopeNumber(at: $0) }).count, Set(graph.resources.map(\.scope)).count)
            XCTAssertNil(lookup.scopeNumber(at: graph.resources.count))
            for types in [["aws_api_gateway_stage"], ["aws_iam_role", "AWS::ApiGateway::Stage"], ["none"], ["aws_s3_bucket", "aws_iam_role"]] {
                XCTAssertEqual(lookup.resources(ofTypes: Set(types)), graph.resources(ofTypes: Set(types)))
            }
        }
    }

    /// Addresses and scopes that are equal as `String`s with other bytes (U+212A KELVIN SIGN is "K",
    /// a precomposed "é" is "e" and a combining accent): the byte-hashed tables answer as `==` does.
    func testResourceLookupComparesNonASCIIAsStrings() {
        let names = ["K", "\u{212A}", "\u{E9}", "e\u{301}", "plain"]
        var resources: [Resource] = []
        for (i, scope) in ["sK", "s\u{212A}", "ascii", "ascii", "s\u{E9}", "se\u{301}"].enumerated() {
            for (j, name) in names.enumerated() where scope != "ascii" || name == "plain" || name == "K" {
                let key: String? = j % 2 == 0 ? "\(j)" : nil
                resources.append(Resource(address: "aws_x.\(name)" + (key.map { "[\($0)]" } ?? ""), type: "aws_x", origin: .terraform,
                                          scope: scope, instanceKey: key,
                                          range: SourceRange(file: "f.tf", at: SourcePosition(line: i * 10 + j + 1, column: 1, offset: i))))
            }
        }
        let graph = ResourceGraph(resources: resources)
        let lookup = ResourceLookup(graph: graph, types: ["aws_x"])
        let targets = names.flatMap { ["aws_x.\($0)", "aws_x.\($0)[0]", "aws_x.\($0)[2]"] } + ["aws_x.none"]
        for scope in ["sK", "s\u{212A}", "ascii", "s\u{E9}", "se\u{301}", "nowhere"] {
            XCTAssertEqual(lookup.indices(inScope: scope), graph.indices(inScope: scope), "scope \(scope)")
            for target in targets {
                XCTAssertEqual(lookup.resolve(target, scope: scope), graph.resolve(target, scope: scope), "\(scope) \(target)")
            }
        }
        XCTAssertEqual(lookup.resources(ofType: "aws_x"), graph.resources(ofType: "aws_x"))
    }

    func testASCIIHashAnswersOnlyForASCII() {
        XCTAssertNotNil(ASCIIHash.of("aws_api_gateway_stage.prod[\"k\"]"))
        XCTAssertNil(ASCIIHash.of("aws_x.\u{212A}"))
        XCTAssertNil(ASCIIHash.of("a-long-prefix-of-ascii-bytes-then-\u{E9}"))
        XCTAssertEqual(ASCIIHash.of("same text"), ASCIIHash.of(String("same text".reversed().reversed())))
        XCTAssertTrue(RawBytes.sameUTF8("abc", "abc"))
        XCTAssertFalse(RawBytes.sameUTF8("\u{E9}", "e\u{301}"))
        var table = ASCIITable(capacity: 0)
        for i in 0..<1000 { XCTAssertTrue(table.insert("key\(i)", hash: ASCIIHash.of("key\(i)") ?? 0).1) }
        for i in 0..<1000 { XCTAssertEqual(table.find("key\(i)", hash: ASCIIHash.of("key\(i)") ?? 0), i) }
        XCTAssertFalse(table.insert("key7", hash: ASCIIHash.of("key7") ?? 0).1)
        XCTAssertNil(table.find("key1000", hash: ASCIIHash.of("key1000") ?? 0))
    }

    func testReadTypesAndNeverReadKeysAnswerAsTheSets() {
        let names = Array(ResourceTypes.attributesRead) + Array(ResourceTypes.neverRead)
            + ["aws_s3_bucket", "AWS::Lambda::Function", "", "tag", "tags_al", "tags_all_", "TAGS", "aws_iam_rol\u{E9}",
               "AWS::Serverless::Api\u{301}", "aws_api_gateway_stag", "\u{212A}", "aws_api_gateway_stage "]
        for name in names {
            XCTAssertEqual(ResourceTypes.attributesMayBeRead(type: name), ResourceTypes.attributesRead.contains(name), name)
            XCTAssertEqual(ResourceTypes.isNeverRead(name), ResourceTypes.neverRead.contains(name), name)
        }
    }

    func testReportOrderIsTheStableSortOfFindings() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for round in 0..<20 {
            var findings: [Finding] = []
            for i in 0..<(round * 37 + 2) {
                let file = ["b.tf", "a.tf", "a/b.tf", "", "z.yaml", "é.tf", "e\u{301}.tf"][next(7)]
                let position = SourcePosition(line: next(4) + 1, column: next(3) + 1, offset: next(5))
                let range: SourceRange? = next(6) == 0 ? nil : SourceRange(file: file, at: position)
                findings.append(Finding(ruleID: "APIGW00\(next(3) + 1)", ruleName: "r", severity: .error,
                                        message: ["m", "n", "m"][next(3)], range: range, resource: "res\(i)"))
            }
            let shared = findings
            let sorted = findings.sortedInReportOrder()
            XCTAssertEqual(sorted, findings.sorted(), "round \(round)")
            XCTAssertEqual(shared, findings, "the input is left as it was")
            XCTAssertEqual(sorted.sortedInReportOrder(), sorted, "sorted input comes back as it is")
        }
    }

    func testFormatChecksAreRememberedByExactText() {
        var checks = AccessLogFormatChecks()
        let precomposed = "{\"requestId\":\"$context.requestId\",\"x\":\"\u{E9}\"}"
        let decomposed = "{\"requestId\":\"$context.requestId\",\"x\":\"e\u{301}\"}"
        for text in [precomposed, decomposed, "$context.requestId\n", "$context.requestID", precomposed, ""] {
            for api in [ApiType.rest, .http, .webSocket, .unknown] {
                XCTAssertEqual(checks.problems(text, api: api), AccessLogFormat.check(text, api: api))
            }
        }
        let long = "$context.requestId " + String(repeating: "\u{E9}", count: 1000)
        let longDecomposed = "$context.requestId " + String(repeating: "e\u{301}", count: 1000)
        XCTAssertEqual(checks.problems(long, api: .http), AccessLogFormat.check(long, api: .http))
        XCTAssertEqual(checks.problems(longDecomposed, api: .http), AccessLogFormat.check(longDecomposed, api: .http))
        XCTAssertNotEqual(AccessLogFormat.check(long, api: .http), AccessLogFormat.check(longDecomposed, api: .http))
    }
}

/// The byte forms of the rules' text cuts and the findings' place table answer as the plain forms did.
final class RulesTextSpeedupTests: XCTestCase {
    /// `partlyKnownText` as it was written over characters.
    private func reference(_ value: Value) -> String? {
        guard let reason = value.unknownReason else { return nil }
        for function in ["Fn::Sub \"", "Fn::Join \""] where reason.detail.hasPrefix(function) && reason.detail.hasSuffix("\"") {
            let inner = reason.detail.dropFirst(function.count).dropLast()
            return inner.isEmpty ? nil : String(inner)
        }
        return nil
    }

    func testPartlyKnownTextAsOverCharacters() {
        let details = ["Fn::Sub \"$context.requestId ${AWS::StackName}\"", "Fn::Join \"a,b\"", "Fn::Sub \"", "Fn::Sub \"\"",
                       "Fn::Sub \"x\"", "Fn::Sub x\"", "Fn::Sub \"x", "Fn::Join \"\r\n\"", "Fn::Sub \"a\r\n\"", "",
                       "Fn::Sub \"\u{E9}t\u{E9}\"", "Fn::Sub \"e\u{301}\"", "Fn::Sub \"x\"\u{301}", "Fn::Sub \"\u{212A}\"",
                       "Fn::GetAtt \"x\"", "Fn::Sub \"arn:${AWS::Partition}:logs:::log-group:/x\""]
        for detail in details {
            let value = Value(.unknown(UnknownReason(.unsupportedFunction, detail)))
            XCTAssertEqual(AccessLogFormat.partlyKnownText(value), reference(value), detail)
        }
        XCTAssertNil(AccessLogFormat.partlyKnownText(Value(.string("Fn::Sub \"x\""))))
    }

    func testGlobLowercasesASCIIAsLowercased() {
        let texts = ["logs:*", "LOGS:PutLogEvents", "logs:putlogevents", "Logs:Describe*", "logs:DescribeLogStreams", "*", "?ogs:*",
                     "", "logs:Put\u{130}", "logs:put\u{130}", "logs:put i\u{307}", "\u{212A}ms:*", "kms:Decrypt", "iam:\u{DF}*", "iam:SS"]
        for pattern in texts {
            for text in texts {
                let p = Array(pattern.lowercased().utf8), t = Array(text.lowercased().utf8)
                // The reference: the same walk over the lowercased bytes.
                func reference() -> Bool {
                    var pi = 0, ti = 0, star = -1, mark = 0
                    while ti < t.count {
                        if pi < p.count, p[pi] == UInt8(ascii: "?") || p[pi] == t[ti] { pi += 1; ti += 1 }
                        else if pi < p.count, p[pi] == UInt8(ascii: "*") { star = pi; mark = ti; pi += 1 }
                        else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
                        else { return false }
                    }
                    while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
                    return pi == p.count
                }
                XCTAssertEqual(Glob.matches(pattern: pattern, text), reference(), "\(pattern) ~ \(text)")
            }
        }
    }

    func testStringsSeenInsertsAsASet() {
        var seen = StringsSeen("a0")
        var reference: Set<String> = ["a0"]
        var state: UInt64 = 3
        for _ in 0..<500 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let n = Int((state >> 33) % 90)
            let address = n == 89 ? "aws_x.\u{212A}" : (n == 88 ? "aws_x.K" : "a\(n)")
            XCTAssertEqual(seen.insert(address), reference.insert(address).inserted, address)
        }
    }

    func testFindingCollectorReportsEachPlaceOnce() {
        let rule = RuleCatalog.all[0]
        var collector = FindingCollector(rule: rule, options: .init())
        var expected: [Finding] = []
        var seen: [(SourceRange?, String, String)] = []
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        // Enough findings for the table to grow several times; instances of one module share ranges.
        for _ in 0..<3000 {
            let range = SourceRange(file: "f\(next(3)).tf", at: SourcePosition(line: 1, column: 1, offset: next(40)))
            let address = ["module.m[\"\(next(30))\"].aws_x.y", "aws_x.\u{212A}", "aws_x.K"][next(3)]
            let message = "m\(next(2))"
            let resource = Resource(address: address, type: "aws_x", origin: .terraform, scope: ".", range: range)
            let explicit: SourceRange? = next(4) == 0 ? nil : range
            collector.add(message, at: explicit, resource: resource)
            if !seen.contains(where: { $0.0 == range && $0.1 == address && $0.2 == message }) {
                seen.append((range, address, message))
                expected.append(Finding(ruleID: rule.id, ruleName: rule.name, severity: rule.severity, message: message,
                                        range: range, resource: address))
            }
        }
        XCTAssertEqual(collector.findings, expected)
        XCTAssertGreaterThan(expected.count, 100)
    }
}

/// The fingerprint read over bytes in place is the FNV-1a of the parts as it was first written.
final class FingerprintSpeedupTests: XCTestCase {
    private func reference(_ ruleID: String, _ resource: String?, _ file: String?, _ discriminator: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in [ruleID, resource ?? "", file ?? "", discriminator] {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash &*= 0x0000_0100_0000_01b3
        }
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 { out[15 - i] = digits[Int((hash >> (4 * UInt64(i))) & 0xf)] }
        return String(decoding: out, as: UTF8.self)
    }

    func testFingerprintIsTheFNVOfTheParts() {
        let parts = ["", "APIGW001", "aws_api_gateway_stage.prod[\"k\"]", "terraform/main.tf", "\u{212A}", "e\u{301}", "日本語のパス/main.tf",
                     String(repeating: "long-", count: 40), "0"]
        for a in parts {
            for b in parts + [nil] as [String?] {
                for c in [parts[3], parts[6], nil] as [String?] {
                    for d in ["", "format", "\u{E9}"] {
                        XCTAssertEqual(Fingerprint.make(ruleID: a, resource: b, file: c, discriminator: d), reference(a, b, c, d))
                    }
                }
            }
        }
    }
}

/// APIGW006's dependency target read over slices of the addresses names what the String parts named.
final class DependencyTargetTests: XCTestCase {
    private func reference(_ account: String, _ stage: String) -> String {
        let accountParts = account.split(separator: ".").map(String.init)
        let stageParts = stage.split(separator: ".").map(String.init)
        let accountModule = Array(accountParts.dropLast(2)), stageModule = Array(stageParts.dropLast(2))
        if accountModule == stageModule { return accountParts.suffix(2).joined(separator: ".") }
        if accountModule.count >= 2, accountModule.starts(with: stageModule), accountModule.count > stageModule.count {
            return accountModule[stageModule.count..<(stageModule.count + 2)].joined(separator: ".")
        }
        return account
    }

    func testDependencyTargetAsWithStringParts() {
        let addresses = ["aws_api_gateway_account.this", "module.api.aws_api_gateway_account.this",
                         "module.api.module.inner.aws_api_gateway_account.a", "module.other.aws_api_gateway_stage.s",
                         "aws_api_gateway_stage.prod", "module.api.aws_api_gateway_stage.prod", "a..b", "single", "",
                         "module.\u{212A}.aws_x.y", "module.K.aws_x.y"]
        func resource(_ address: String) -> Resource {
            Resource(address: address, type: "aws_x", origin: .terraform, scope: ".", range: nil)
        }
        for account in addresses {
            for stage in addresses {
                XCTAssertEqual(StageWaitsForAccountRule.dependencyTarget(resource(account), from: resource(stage)),
                               reference(account, stage), "\(account) from \(stage)")
            }
        }
    }
}
