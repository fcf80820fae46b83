import XCTest
@testable import IaCLintCore

final class CoreTypesTests: XCTestCase {
    func testPositionsCountScalarsNotBytes() {
        let file = SourceFile(path: "a.tf", text: "ab\né x = 1\n")
        let p = file.position(at: 6)  // after "é " (é is two bytes)
        XCTAssertEqual(p.line, 2)
        XCTAssertEqual(p.column, 3)
        XCTAssertEqual(p.offset, 6)
        XCTAssertEqual(file.line(2), "é x = 1")
        XCTAssertEqual(file.line(3), "")
    }

    func testLineStripsCarriageReturn() {
        let file = SourceFile(path: "a.tf", text: "a\r\nb")
        XCTAssertEqual(file.line(1), "a")
        XCTAssertEqual(file.line(2), "b")
    }

    func testFingerprintIgnoresLinesAndIsStable() {
        let a = Finding(ruleID: "APIGW001", ruleName: "stage-access-logging", severity: .error, message: "m",
                        range: SourceRange(file: "x.tf", at: SourcePosition(line: 3, column: 1, offset: 10)), resource: "aws_api_gateway_stage.s")
        let b = Finding(ruleID: "APIGW001", ruleName: "stage-access-logging", severity: .error, message: "other",
                        range: SourceRange(file: "x.tf", at: SourcePosition(line: 30, column: 5, offset: 300)), resource: "aws_api_gateway_stage.s")
        XCTAssertEqual(a.fingerprint, b.fingerprint)
        XCTAssertEqual(a.fingerprint.count, 16)
        XCTAssertEqual(Fingerprint.make(ruleID: "A", resource: "r", file: "f"), Fingerprint.make(ruleID: "A", resource: "r", file: "f"))
        XCTAssertNotEqual(Fingerprint.make(ruleID: "A", resource: "r", file: "f"), Fingerprint.make(ruleID: "A", resource: "rf", file: ""))
    }

    func testValueKeepsRangesAndReferences() {
        let range = SourceRange(file: "m.tf", at: .start)
        let ref = Reference(target: "aws_cloudwatch_log_group.logs", attribute: "arn")
        let v = Value.unknown(UnknownReason(.knownAfterApply, "aws_cloudwatch_log_group.logs.arn"), range: range, references: [ref])
        XCTAssertTrue(v.isUnknown)
        XCTAssertFalse(v.isWhollyKnown)
        XCTAssertEqual(v.range, range)
        XCTAssertEqual(v.references, [ref])
        let obj = Value.object([ObjectEntry("destination_arn", v), ObjectEntry("format", .string("$context.requestId"))])
        XCTAssertEqual(obj["format"]?.stringValue, "$context.requestId")
        XCTAssertEqual(obj.allReferences, [ref])
        XCTAssertNil(obj["missing"])
    }

    func testViaPlacesAppendedAsAChainReadAsTheArrayWouldBe() {
        func at(_ line: Int) -> SourceRange { SourceRange(file: "v.tf", at: SourcePosition(line: line, column: 1, offset: line * 10)) }
        let ref = Reference(target: "aws_cloudwatch_log_group.logs", attribute: "arn")
        let other = Reference(target: "aws_iam_role.r")
        var v = Value.string("x", range: at(1))
        v.appendVia(at(2))
        v.appendVia(at(3))
        XCTAssertEqual(v.via, [at(2), at(3)])
        XCTAssertEqual(v.references, [])
        // The same places set as an array: equal values, equal hashes.
        XCTAssertEqual(v, Value(.string("x"), range: at(1), via: [at(2), at(3)]))
        XCTAssertEqual(v.hashValue, Value(.string("x"), range: at(1), via: [at(2), at(3)]).hashValue)
        XCTAssertNotEqual(v, Value(.string("x"), range: at(1), via: [at(3), at(2)]))
        // A value flowed from `v` shares its earlier places; `v` itself is unchanged.
        var w = v
        w.setReferences([ref], appendingVia: at(4))
        XCTAssertEqual(w.via, [at(2), at(3), at(4)])
        XCTAssertEqual(w.references, [ref])
        XCTAssertEqual(v.via, [at(2), at(3)])
        // References replaced without a place keep the places; emptied, the places stay.
        w.setReferences([other], appendingVia: nil)
        XCTAssertEqual(w.references, [other])
        XCTAssertEqual(w.via, [at(2), at(3), at(4)])
        w.references = []
        XCTAssertEqual(w.via, [at(2), at(3), at(4)])
        XCTAssertEqual(w.references, [])
        // Without places, emptied references leave no box to compare.
        var u = Value(.string("x"), references: [ref])
        u.references = []
        XCTAssertEqual(u, Value.string("x"))
        // The setter replaces the places whole.
        w.via = [at(9)]
        XCTAssertEqual(w.via, [at(9)])
        w.via = []
        XCTAssertEqual(w.via, [])
    }

    func testGraphResolvesInstancesByBaseAddress() {
        var g = ResourceGraph()
        for key in ["0", "1"] {
            g.add(Resource(address: "aws_cloudwatch_log_group.l[\(key)]", type: "aws_cloudwatch_log_group", origin: .terraform,
                           scope: "root", instanceKey: key, range: nil))
        }
        XCTAssertEqual(g.resolve("aws_cloudwatch_log_group.l", scope: "root").count, 2)
        XCTAssertEqual(g.resolve("aws_cloudwatch_log_group.l[1]", scope: "root").count, 1)
        XCTAssertEqual(g.resolve("aws_cloudwatch_log_group.l", scope: "other").count, 0)
        XCTAssertEqual(g.resources.first?.baseAddress, "aws_cloudwatch_log_group.l")
    }

    func testGraphIndexFollowsInterleavedScopesMergesAndCopies() {
        func group(_ name: String, _ scope: String, key: String? = nil) -> Resource {
            Resource(address: "aws_cloudwatch_log_group.\(name)" + (key.map { "[\"\($0)\"]" } ?? ""), type: "aws_cloudwatch_log_group",
                     origin: .terraform, scope: scope, instanceKey: key, range: nil)
        }
        var g = ResourceGraph()
        g.add(group("a", "one", key: "x"))
        g.add(group("a", "two"))
        g.add(group("a", "one", key: "y"))
        XCTAssertEqual(g.resolve("aws_cloudwatch_log_group.a", scope: "one").map(\.address),
                       ["aws_cloudwatch_log_group.a[\"x\"]", "aws_cloudwatch_log_group.a[\"y\"]"])
        XCTAssertEqual(g.resolve("aws_cloudwatch_log_group.a", scope: "two").count, 1)
        XCTAssertEqual(g.indices(inScope: "one"), [0, 2])
        g.add(Resource(address: "aws_iam_role.r", type: "aws_iam_role", origin: .terraform, scope: "one", range: nil))
        g.add(group("c", "one"))
        XCTAssertEqual(g.resources(ofTypes: ["aws_cloudwatch_log_group"]).map(\.address).last, "aws_cloudwatch_log_group.c")
        XCTAssertEqual(g.resources(ofTypes: ["aws_iam_role", "aws_cloudwatch_log_group"]).count, 5)
        XCTAssertEqual(g.resources(ofType: "aws_iam_role").map(\.scope), ["one"])
        XCTAssertEqual(g.indices(inScope: "one"), [0, 2, 3, 4])
        // A copy taken before a change keeps its own answers; the changed graph sees the addition.
        let before = g
        var other = ResourceGraph()
        other.add(group("b", "two"))
        g.merge(other)
        XCTAssertEqual(g.resolve("aws_cloudwatch_log_group.b", scope: "two").count, 1)
        XCTAssertEqual(before.resolve("aws_cloudwatch_log_group.b", scope: "two").count, 0)
        // Merging into an empty graph adopts the other's resources.
        var empty = ResourceGraph()
        empty.merge(g)
        XCTAssertEqual(empty.resources.map(\.address), g.resources.map(\.address))
        XCTAssertEqual(empty.resolve("aws_cloudwatch_log_group.a[\"y\"]", scope: "one").count, 1)
    }

    func testResourceCopiesAreIndependent() {
        var a = Resource(address: "aws_s3_bucket.b[0]", type: "aws_s3_bucket", origin: .terraform, scope: "root",
                         instanceKey: "0", range: nil, attributes: .object([ObjectEntry("bucket", .string("x"))]))
        let b = a
        a.attributes = .object([])
        a.address = "aws_s3_bucket.c[0]"
        XCTAssertEqual(b["bucket"]?.stringValue, "x")
        XCTAssertEqual(b.baseAddress, "aws_s3_bucket.b")
        XCTAssertEqual(a.baseAddress, "aws_s3_bucket.c")
        XCTAssertNotEqual(a, b)
        var c = b
        c.dropAttributeValues()
        XCTAssertNil(c["bucket"])
        XCTAssertEqual(b["bucket"]?.stringValue, "x")
        // The fields set once in practice are replaced with their box, the rest of the resource kept.
        var d = b
        d.type = "aws_s3_bucket_policy"
        d.scope = "other"
        d.mode = .data
        d.origin = .terraformPlan
        XCTAssertEqual([d.type, d.scope, d.address, d.instanceKey], ["aws_s3_bucket_policy", "other", "aws_s3_bucket.b[0]", "0"])
        XCTAssertEqual(d.mode, .data)
        XCTAssertEqual(d.origin, .terraformPlan)
        XCTAssertEqual(d["bucket"]?.stringValue, "x")
        XCTAssertEqual([b.type, b.scope], ["aws_s3_bucket", "root"])
        XCTAssertEqual(b.mode, .managed)
        XCTAssertEqual(b.origin, .terraform)
    }

    func testDroppedValuesKeepOneEdgePerTargetAttributeAndKind() {
        let api = Reference(target: "aws_api_gateway_rest_api.this", attribute: "id")
        let apiAgain = Reference(target: "aws_api_gateway_rest_api.this", attribute: "id", range: SourceRange(file: "main.tf", at: .start))
        let root = Reference(target: "aws_api_gateway_rest_api.this", attribute: "root_resource_id")
        let viaRef = Reference(target: "aws_api_gateway_rest_api.this", kind: .ref)
        let attributes = Value.object([
            ObjectEntry("rest_api_id", Value(.unknown(UnknownReason(.knownAfterApply)), references: [api])),
            ObjectEntry("parent_id", Value(.unknown(UnknownReason(.knownAfterApply)), references: [root])),
            ObjectEntry("again", Value(.unknown(UnknownReason(.knownAfterApply)), references: [apiAgain, viaRef])),
        ])
        var r = Resource(address: "aws_api_gateway_resource.p", type: "aws_api_gateway_resource", origin: .terraform,
                         scope: "root", range: nil, attributes: attributes,
                         dependsOn: [Reference(target: "aws_api_gateway_rest_api.this", kind: .dependsOn)])
        r.dropAttributeValues()
        XCTAssertEqual(r.attributes.objectEntries?.count, 0)
        // The first of each target, attribute and kind; depends_on stays as declared.
        XCTAssertEqual(r.allReferences, [api, root, viaRef, Reference(target: "aws_api_gateway_rest_api.this", kind: .dependsOn)])
    }

    /// The rare fields live in a box of their own: each still reads and writes as a field.
    func testRareFieldsAndAKnownBaseAddress() {
        var r = Resource(address: "aws_s3_bucket.b[\"k[1]\"]", type: "aws_s3_bucket_public_access_block", origin: .terraform,
                         scope: "root", instanceKey: "\"k[1]\"", range: nil, knownBaseAddress: "aws_s3_bucket.b")
        // The known base is not the address without its last `[`: the address decides.
        XCTAssertEqual(r.baseAddress, "aws_s3_bucket.b[\"k")
        let shared = Resource(address: "aws_s3_bucket.b[0]", type: "aws_s3_bucket", origin: .terraform, scope: "root",
                              instanceKey: "0", range: nil, knownBaseAddress: "aws_s3_bucket.b")
        XCTAssertEqual(shared.baseAddress, "aws_s3_bucket.b")
        XCTAssertNil(r.condition)
        r.condition = Condition("IsProd", negated: true)
        r.metadata = .object([ObjectEntry("iaclint", .null)])
        XCTAssertEqual(r.condition, Condition("IsProd", negated: true))
        XCTAssertNotNil(r.metadata?["iaclint"])
        r.instanceKey = nil
        XCTAssertNil(r.instanceKey)
        XCTAssertEqual(r.baseAddress, r.address, "no key, no base of its own")
        XCTAssertEqual(r.condition?.name, "IsProd", "the other rare fields survive")
        r.metadata = nil
        r.condition = nil
        XCTAssertNil(r.metadata)
        XCTAssertEqual(r.type, "aws_s3_bucket_public_access_block")
        XCTAssertEqual(r, Resource(address: "aws_s3_bucket.b[\"k[1]\"]", type: "aws_s3_bucket_public_access_block",
                                   origin: .terraform, scope: "root", range: nil))
    }

    func testByteNormalizationMatchesTheComponentReference() {
        let paths = ["", ".", "..", "/", "//", "a", "a/", "/a", "./a", "a/./b", "a/../b", "../a", "../../a/b", "a/../../b",
                     "/..", "/../a", "/a/../..", "a/b/../../..", "x//y///z/", "./", "../", "modules/../modules/./x",
                     ".../a", "a/.../..", "é/../b", "a/é/..", "/tmp/x/../../y", "a/..b/c", "a/b../..", ".hidden/../x", "../..", "a/../.."]
        for p in paths { XCTAssertEqual(Path.normalize(p), Path.normalizeByComponents(p), "normalize(\(p))") }
    }

    func testLineStartsFindEveryNewline() {
        XCTAssertEqual(SourceFile.lineStarts(of: []), [0])
        XCTAssertEqual(SourceFile.lineStarts(of: Array("a".utf8)), [0])
        XCTAssertEqual(SourceFile.lineStarts(of: Array("\n".utf8)), [0, 1])
        XCTAssertEqual(SourceFile.lineStarts(of: Array("ab\r\ncd\n\né\nx".utf8)), [0, 4, 7, 8, 11])
        let long = Array(String(repeating: "0123456789abcdef\n", count: 100).utf8)
        XCTAssertEqual(SourceFile.lineStarts(of: long), (0...100).map { $0 * 17 })
        // Every length around the 8-byte words, and the bytes next to 0x0A that a borrow could confuse.
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x0A, 0x0B, 0x09, 0x00, 0x01, 0x0A, 0x7F, 0x80, 0x8A, 0xFF, 0x61, 0x0A]
        for length in 0..<80 {
            for _ in 0..<40 {
                let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
                var expected = [0]
                for (i, b) in bytes.enumerated() where b == 0x0A { expected.append(i + 1) }
                XCTAssertEqual(SourceFile.lineStarts(of: bytes), expected, "\(bytes)")
            }
        }
    }

    func testPaths() {
        XCTAssertEqual(Path.normalize("a/./b/../c"), "a/c")
        XCTAssertEqual(Path.normalize("../x"), "../x")
        XCTAssertEqual(Path.relative("/w/r/a/b.tf", to: "/w/r"), "a/b.tf")
        XCTAssertEqual(Path.relative("/w/x/b.tf", to: "/w/r"), "../x/b.tf")
        XCTAssertEqual(Path.relative("/a/b", to: "/a/b/c/d"), "../..")
        XCTAssertEqual(Path.relative("/a/modules/ü/api", to: "/a/services/ö"), "../../modules/ü/api")
        XCTAssertEqual(Path.relative("/a/bc", to: "/a/b"), "../bc", "a shared prefix is not a shared component")
        XCTAssertEqual(Path.relative("/x/y", to: "/"), "x/y")
        XCTAssertTrue(Path.isInside("/w/r/a", root: "/w/r"))
        XCTAssertFalse(Path.isInside("/w/rr", root: "/w/r"))
        XCTAssertEqual(Path.directory(of: "a/b/c.tf"), "a/b")
        XCTAssertEqual(Path.fileName("a/b/c.tf"), "c.tf")
        XCTAssertEqual(Path.directory(of: "/c.tf"), "/")
        XCTAssertEqual(Path.directory(of: "c.tf"), ".")
        XCTAssertEqual(Path.directory(of: "é/ü.tf"), "é")
        XCTAssertEqual(Path.fileName("é/ü.tf"), "ü.tf")
        XCTAssertEqual(Path.fileName("c.tf"), "c.tf")
        XCTAssertEqual(Path.join("a", "b"), "a/b")
        XCTAssertEqual(Path.join("a/", "b"), "a/b")
        XCTAssertEqual(Path.join("a", "/b"), "/b")
        XCTAssertEqual(Path.join(".", "b"), "b")
        XCTAssertEqual(Path.join("", "b"), "b")
        XCTAssertEqual(Path.join("a", ""), "a/")
        XCTAssertEqual(Path.join("/", "b"), "/b")
        XCTAssertEqual(Path.join("..", "b"), "../b")
        XCTAssertEqual(Path.join("./", "b"), "./b")
        XCTAssertEqual(Path.join("é/dossier", "ü.tf"), "é/dossier/ü.tf")
        let long = String(repeating: "segment/", count: 40) + "end"
        XCTAssertEqual(Path.join(long, "main.tf"), long + "/main.tf")
    }

    func testStringPoolHandsOutOneBufferPerText() {
        func buffer(_ s: String) -> UnsafeRawPointer? {
            s.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        }
        var pool = StringPool()
        let first = pool.shared("module.api.aws_api_gateway_stage.prod")
        let copy = pool.shared(String("module.api.aws_api_gateway_stage.prod".utf8.map { Character(UnicodeScalar($0)) }))
        XCTAssertEqual(first, copy)
        XCTAssertEqual(buffer(first), buffer(copy), "equal long strings share the first buffer")
        let other = pool.shared("module.api.aws_api_gateway_stage.dev")
        XCTAssertNotEqual(buffer(first), buffer(other))
        XCTAssertEqual(pool.shared("aws_s3_bucket"), "aws_s3_bucket")  // short: inline, nothing to share
        XCTAssertEqual(ResourceTypeNames.shared("aws_api_gateway_stage"), "aws_api_gateway_stage")
    }

    func testFileSystemRefusesDirectoriesAndReportsMissingFiles() {
        if case .success = FileSystem.read("/") { XCTFail("a directory must not read as a file") }
        if case .failure(let e) = FileSystem.read("/nonexistent/x.tf") {
            XCTAssertTrue(e.message.contains("cannot open"), e.message)
        } else { XCTFail() }
    }
}
