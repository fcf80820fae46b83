// The evaluator's unhashed shortcuts must answer exactly what the sets and tables they replace answer.

import XCTest
@testable import Terraform
import IaCLintCore

final class EvaluatorShortcutTests: XCTestCase {
    func testMetaArgumentChecksMatchTheirSets() {
        let names = Array(resourceMetaArguments) + Array(resourceMetaBlocks) + Array(moduleMetaArguments)
            + ["", "Count", "counts", "provider_", "tags", "lifecycle ", "dynamic", "content", "for_eac", "depends_on2"]
        for name in names {
            XCTAssertEqual(isResourceMetaArgument(name), resourceMetaArguments.contains(name), name)
            XCTAssertEqual(isResourceMetaBlock(name), resourceMetaBlocks.contains(name), name)
        }
    }

    /// `NameIndex` answers what the `[String: Int]` it replaces answered, the first position kept.
    func testNameIndexMatchesADictionary() {
        var names: [String] = ["", "a", "var", "local", "aws_s3_bucket.logs", "aws_s3_bucket.logs2", "é", "日本語の名前",
                               String(repeating: "x", count: 7), String(repeating: "x", count: 8), String(repeating: "x", count: 9)]
        for i in 0..<300 { names.append("name_\(i)") }
        names += names.prefix(40)  // repeats keep their first position
        var index = NameIndex()
        var presized = NameIndex(minimumCapacity: names.count)
        var expected: [String: Int] = [:]
        for (position, name) in names.enumerated() {
            let had = expected[name]
            if had == nil { expected[name] = position }
            XCTAssertEqual(index.insertIfAbsent(name, position: position), had, name)
            XCTAssertEqual(presized.insertIfAbsent(name, position: position), had, name)
        }
        XCTAssertEqual(index.count, expected.count)
        XCTAssertEqual(Set(index.names), Set(expected.keys))
        XCTAssertEqual(index.names.count, expected.count)
        for (name, position) in expected {
            XCTAssertEqual(index[name], position, name)
            XCTAssertEqual(presized[name], position, name)
        }
        for missing in ["b", "name_300", "aws_s3_bucket.log", "xxxxxxxxxx", "Var"] {
            XCTAssertNil(index[missing], missing)
        }
        XCTAssertNil(NameIndex()["a"])
        XCTAssertTrue(NameIndex(minimumCapacity: 4).isEmpty)
    }

    /// Configuration file names told by their bytes as by the Character comparisons.
    func testConfigurationFileNamesMatchTheCharacterChecks() {
        let names = ["main.tf", "x.tf.json", ".tf", ".hidden.tf", "tf", ".", "", "a.tf.", "a.tfvars", "a.json", "a.TF",
                     "a.tf.json.bak", "é.tf", "a.tf\u{301}", "x\u{600}.tf", "😀.tf.json", "override.tf", "a_override.tf.json"]
        for name in names {
            XCTAssertEqual(ModuleReader.isConfigurationFile(name),
                           (name.hasSuffix(".tf") || name.hasSuffix(".tf.json")) && !name.hasPrefix("."), name)
        }
    }

    /// A local address found from its parts answers what the look-up of the built string answers.
    func testNameIndexFindsJoinedNamesLikeTheBuiltString() {
        let long = String(repeating: "n", count: 300)
        let stored = ["aws_s3_bucket.logs", "data.aws_iam_policy_document.p", "a.b", "data.a.b", "aws_x.é名",
                      "aws_x.\(long)", "data.aws_x.\(long)"]
        var index = NameIndex()
        for (i, name) in stored.enumerated() { index.insertIfAbsent(name, position: i) }
        let parts: [(StaticString, String, String)] = [
            ("", "aws_s3_bucket", "logs"), ("data.", "aws_iam_policy_document", "p"), ("", "a", "b"), ("data.", "a", "b"),
            ("", "aws_x", "é名"), ("", "aws_x", long), ("data.", "aws_x", long),
            ("", "aws_s3_bucket", "log"), ("data.", "aws_s3_bucket", "logs"), ("", "aws_iam_policy_document", "p"),
            ("", "a.b", ""), ("", "", "a"), ("", "aws_x", long + "n"), ("data.", "a", "b.c"),
        ]
        for (prefix, first, second) in parts {
            let built = "\(prefix)\(first).\(second)"
            XCTAssertEqual(index.position(prefix: prefix, first, second), index[built], built)
        }
        XCTAssertNil(NameIndex().position(prefix: "", "a", "b"))
    }

    /// Every root name of a traversal is told apart as the `switch` over strings did.
    func testTraversalRootsMatchTheirNames() {
        let roots: [(String, TraversalRoot)] = [("var", .variable), ("local", .local), ("module", .module), ("data", .data),
                                                ("path", .path), ("terraform", .terraform), ("count", .count), ("each", .each),
                                                ("self", .selfObject), ("ephemeral", .ephemeral)]
        for (name, root) in roots { XCTAssertEqual(TraversalRoot(name), root, name) }
        for name in ["", "va", "vars", "aws", "aws_s3_bucket", "Data", "module_", "terraforms", "counts", "eachh", "paths", "ephemeraL"] {
            XCTAssertEqual(TraversalRoot(name), .resourceType, name)
        }
        XCTAssertTrue(sameName("dynamic", "dynamic"))
        XCTAssertFalse(sameName("dynamic", "dynamics"))
        XCTAssertFalse(sameName("dynamic", "Dynamic"))
    }

    func testFunctionResolutionsMatchTheTables() {
        let names = Set(FunctionLibrary.table.keys).union(FunctionLibrary.unknownAtPlan).union(FunctionLibrary.preservesStructure)
        XCTAssertEqual(Set(FunctionLibrary.resolutions.keys), names)
        XCTAssertNil(FunctionLibrary.resolution("no_such_function"))
        // The evaluator skips its `::` scan for names the library resolves.
        XCTAssertTrue(names.allSatisfy { !$0.contains(":") })
        for name in names {
            let r = FunctionLibrary.resolutions[name]
            XCTAssertEqual(FunctionLibrary.resolution(name)?.spec != nil, r?.spec != nil, name)
            XCTAssertEqual(FunctionLibrary.resolution(name)?.unknownAtPlan, r?.unknownAtPlan, name)
            XCTAssertEqual(FunctionLibrary.resolution(name)?.preservesStructure, r?.preservesStructure, name)
            XCTAssertEqual(r?.spec != nil, FunctionLibrary.table[name] != nil, name)
            XCTAssertEqual(r?.unknownAtPlan, FunctionLibrary.unknownAtPlan.contains(name), name)
            XCTAssertEqual(r?.preservesStructure, FunctionLibrary.preservesStructure.contains(name), name)
        }
    }

    /// A type conversion that changes nothing returns the value itself, ranges and edges included.
    func testConversionToTheSameTypeKeepsTheValue() {
        let range = SourceRange(file: "main.tf", start: .start, end: SourcePosition(line: 1, column: 4, offset: 3))
        let refs = [Reference(target: "aws_s3_bucket.b", attribute: "arn", range: range)]
        let values: [(TypeConstraint, Value)] = [
            (.string, Value(.string("x"), range: range, references: refs, via: [range])),
            (.number, Value(.number(2), range: range)),
            (.bool, Value(.bool(true), references: refs)),
        ]
        for (type, value) in values {
            let converted = type.convert(value, evaluateDefault: { _ in .null })
            XCTAssertEqual(converted, value)
            XCTAssertEqual(converted.via, value.via)
        }
        XCTAssertEqual(TypeConstraint.string.convert(.number(1.5), evaluateDefault: { _ in .null }).stringValue, "1.5")
        XCTAssertEqual(TypeConstraint.bool.convert(.string("true"), evaluateDefault: { _ in .null }).boolValue, true)
    }

    /// `merge` scans small results and hashes large ones; both keep first positions and last values.
    func testMergeKeepsFirstPositionsAndLastValues() {
        let ctx = FunctionContext(range: nil, moduleDirectory: ".", scanRoot: "/", readFile: { FileSystem.read($0) })
        for size in [0, 3, 16, 17, 40] {
            let first = Value.object((0..<size).map { ObjectEntry("k\($0)", .number(Double($0))) })
            let second = Value.object((0..<size).reversed().map { ObjectEntry("k\($0 * 2)", .string("v\($0)")) })
            var expected: [(String, Value)] = []
            for e in (first.objectEntries ?? []) + (second.objectEntries ?? []) {
                if let i = expected.firstIndex(where: { $0.0 == e.key }) { expected[i].1 = e.value } else { expected.append((e.key, e.value)) }
            }
            let merged = FunctionLibrary.call("merge", [first, .null, second], ctx).objectEntries ?? []
            XCTAssertEqual(merged.map(\.key), expected.map(\.0), "size \(size)")
            XCTAssertEqual(merged.map(\.value), expected.map(\.1), "size \(size)")
        }
    }

    /// `list(any)` and `map(any)` keep the value as it is, ranges inside included.
    func testAnyElementCollectionsKeepTheValue() {
        let range = SourceRange(file: "main.tf", start: .start, end: SourcePosition(line: 1, column: 2, offset: 1))
        let list = Value(.list([.number(1, range: range), .string("a")]), range: range)
        let map = Value(.object([ObjectEntry("a", .bool(true), keyRange: range)]), range: range)
        XCTAssertEqual(TypeConstraint.list(.any).convert(list, evaluateDefault: { _ in .null }), list)
        XCTAssertEqual(TypeConstraint.map(.any).convert(map, evaluateDefault: { _ in .null }), map)
        XCTAssertNotNil(TypeConstraint.list(.any).convert(map, evaluateDefault: { _ in .null }).unknownReason)
    }

    /// Bound names behave as the dictionary they replace, below and above the indexing threshold.
    func testBoundNamesBehaveAsADictionary() {
        var bound = BoundNames()
        var reference: [String: Value] = [:]
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for step in 0..<4000 {
            let name = "v\(next(step < 2000 ? 12 : 40))"
            switch next(5) {
            case 0:
                bound[name] = nil
                reference[name] = nil
            case 1, 2:
                bound[name] = .number(Double(step))
                reference[name] = .number(Double(step))
            default:
                XCTAssertEqual(bound[name], reference[name], "step \(step)")
            }
            XCTAssertEqual(bound.isEmpty, reference.isEmpty)
        }
        for i in 0..<40 { XCTAssertEqual(bound["v\(i)"], reference["v\(i)"]) }
    }

    /// `jsonencode` escapes as Go does, on small and large strings alike (both byte paths).
    func testJSONEncodingEscapes() {
        let special = "q\"b\\\u{8}\u{c}\n\r\t\u{1}<>&\u{2028}\u{2029}é→x"
        let expectedSpecial = #""q\"b\\\b\f\n\r\t\u0001\u003c\u003e\u0026\u2028\u2029é→x""#
        XCTAssertEqual(TerraformJSONEncoder.encode(.string(special)), expectedSpecial)
        let long = String(repeating: "abc\"", count: 20)
        XCTAssertEqual(TerraformJSONEncoder.encode(.string(long)), "\"" + String(repeating: "abc\\\"", count: 20) + "\"")
        let value = Value.object([ObjectEntry("b", .list([.number(1.5), .bool(true), .null])), ObjectEntry("a", .string("x"))])
        XCTAssertEqual(TerraformJSONEncoder.encode(value), #"{"a":"x","b":[1.5,true,null]}"#)
        XCTAssertNil(TerraformJSONEncoder.encode(.list([.unknown(.knownAfterApply)])))
    }

    /// `sameReference` is `==` on every field.
    func testSameReferenceIsEquality() {
        let r1 = SourceRange(file: "a.tf", start: .start, end: SourcePosition(line: 1, column: 3, offset: 2))
        let r2 = SourceRange(file: "b.tf", start: .start, end: SourcePosition(line: 1, column: 3, offset: 2))
        var refs: [Reference] = []
        for target in ["aws_s3_bucket.b", "module.m.aws_s3_bucket.b[\"k\"]"] {
            for attribute in [nil, "arn", "id"] as [String?] {
                for kind in [Reference.Kind.attribute, .ref, .dependsOn] {
                    for range in [nil, r1, r2] as [SourceRange?] { refs.append(Reference(target: target, attribute: attribute, kind: kind, range: range)) }
                }
            }
        }
        for a in refs { for b in refs { XCTAssertEqual(sameReference(a, b), a == b) } }
    }

    /// The quoting fast path gives what quoting scalar by scalar gives.
    func testInstanceKeyQuotingMatchesScalarByScalar() {
        for key in ["", "prod", "eu-west-1", "a b", "quote\"d", "back\\slash", "tab\t", "nl\n", "\u{1}", "\u{7f}", "é", "日本", "💡x", "long-key-with-many-characters-0123456789"] {
            XCTAssertEqual(InstanceKey.quote(key), InstanceKey.quoteEscaping(key), key)
        }
        XCTAssertEqual(InstanceKey.quote("prod"), "\"prod\"")
        XCTAssertEqual(InstanceKey.quote("quote\"d"), "\"quote\\\"d\"")
        XCTAssertEqual(InstanceKey.quote("back\\slash"), "\"back\\\\slash\"")
        XCTAssertEqual(InstanceKey.quote("tab\t\r\n"), "\"tab\\t\\r\\n\"")
        XCTAssertEqual(InstanceKey.quote("\u{1}"), "\"\\x01\"")
    }

    /// Repeated keys in a `for` expression are found the same way below and above the scan limit.
    func testJoinedIsConcatenation() {
        let parts = ["", "a", "module.", "aws_api_gateway_stage.this", "é", "日本語のキー", "x\u{0}y", String(repeating: "z", count: 40)]
        for a in parts {
            for b in parts {
                XCTAssertEqual(joined(a, b), a + b)
                for c in parts.prefix(4) {
                    XCTAssertEqual(joined(a, b, c), a + b + c)
                    XCTAssertEqual(Array(joined(a, b, c, "[", "]").utf8), Array((a + b + c + "[" + "]").utf8))
                }
            }
        }
    }

    func testInstanceAddressesMatchTheInterpolatedForm() {
        let bases = ["aws_s3_bucket.b", "module.api[\"eu\"].aws_api_gateway_stage.this"]
        let keys: [InstanceKey] = [.index(0), .index(12), .key("prod"), .key(""), .key("a\"b"), .key("tab\there"), .key("é\\")]
        for base in bases {
            XCTAssertEqual(InstanceKey.address(base, nil), base)
            for key in keys { XCTAssertEqual(InstanceKey.address(base, key), "\(base)[\(key.text)]") }
        }
    }

    func testEntryPositionsFindEveryKeyAddedBefore() {
        for count in [0, 1, 5, 15, 16, 17, 40] {
            var positions = EntryPositions()
            var entries: [ObjectEntry] = []
            for i in 0..<count {
                let key = "k\(i)"
                XCTAssertNil(positions.position(of: key, in: entries))
                positions.add(key, before: entries)
                entries.append(ObjectEntry(key, .number(Double(i))))
            }
            for i in 0..<count { XCTAssertEqual(positions.position(of: "k\(i)", in: entries), i) }
            XCTAssertNil(positions.position(of: "absent", in: entries))
        }
    }

    /// Sorting entries keeps the last of repeated keys, at any size.
    func testSortedEntriesKeepTheLastOfRepeatedKeys() {
        for count in [3, 16, 17, 40] {
            var entries: [ObjectEntry] = []
            for i in 0..<count { entries.append(ObjectEntry("k\(count - i)", .number(Double(i)))) }
            entries.append(ObjectEntry("k1", .string("last")))
            let sorted = sortedEntries(entries)
            XCTAssertEqual(sorted.count, count)
            XCTAssertEqual(sorted.map(\.key), sorted.map(\.key).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            XCTAssertEqual(sorted.first { $0.key == "k1" }?.value.stringValue, "last")
        }
    }

    /// Shared number kinds are the numbers asked for, sign and all.
    func testSharedNumberKindsAreTheNumbers() {
        for n in [0.0, -0.0, 1, 2.5, 7, 255, 256, 1e9, -1, .infinity, .nan] as [Double] {
            guard case .number(let m) = Evaluator.numberKind(n) else { return XCTFail("\(n) is not a number") }
            XCTAssertEqual(m.bitPattern, n.bitPattern, "\(n)")
        }
        guard case .bool(true) = Evaluator.boolKind(true), case .bool(false) = Evaluator.boolKind(false) else { return XCTFail("bools") }
    }

    /// Lists and maps already of their primitive element type convert to themselves; others still convert.
    func testCollectionsOfTheirElementTypeConvertToThemselves() {
        let range = SourceRange(file: "main.tf", start: .start, end: SourcePosition(line: 1, column: 4, offset: 3))
        let refs = [Reference(target: "aws_s3_bucket.b", attribute: "arn", range: range)]
        let strings = Value(.list([.string("a"), .string("b", range: range)]), range: range, references: refs, via: [range])
        let tags = Value(.object([ObjectEntry("k", .string("v"), keyRange: range)]), range: range, references: refs)
        for (type, value) in [(TypeConstraint.list(.string), strings), (.map(.string), tags), (.list(.number), Value(.list([])))] {
            let converted = type.convert(value, evaluateDefault: { _ in .null })
            XCTAssertEqual(converted, value)
            XCTAssertEqual(converted.via, value.via)
        }
        let numbers = Value(.list([.number(1), .string("2")]), range: range)
        let converted = TypeConstraint.list(.string).convert(numbers, evaluateDefault: { _ in .null })
        XCTAssertEqual(converted.listValue?.map(\.stringValue), ["1", "2"])
        let mixed = TypeConstraint.map(.number).convert(Value(.object([ObjectEntry("a", .string("3"))])), evaluateDefault: { _ in .null })
        XCTAssertEqual(mixed["a"]?.numberValue, 3)
    }
}
