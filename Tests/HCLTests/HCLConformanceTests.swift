// Conformance on public data (skipped when ../shared/corpus is absent): the HCL spec suite,
// 6,400+ real Terraform files, OpenTofu's invalid inputs and the hclsyntax fuzz seeds.

import XCTest
import HCL
import IaCLintCore
import TestSupport

final class HCLConformanceTests: XCTestCase {
    /// Every file under `root` whose name ends with one of `suffixes`, sorted.
    private func files(under root: String, suffixes: [String]) -> [String] {
        var result: [String] = []
        var stack = [root]
        while let dir = stack.popLast() {
            guard case .success(let names) = FileSystem.list(dir) else { continue }
            for name in names {
                let path = Path.join(dir, name)
                switch FileSystem.kind(path) {
                case .directory?: stack.append(path)
                case .regular?: if suffixes.contains(where: { name.hasSuffix($0) }) { result.append(path) }
                default: break
                }
            }
        }
        return result.sorted()
    }

    private func parseFile(_ path: String) -> HCLFile? {
        guard case .success(let bytes) = FileSystem.read(path) else { return nil }
        return checkedParse(bytes, path: path)
    }

    /// Parses, and checks the line starts the lexer recorded against a separate scan of the bytes.
    @discardableResult
    private func checkedParse(_ bytes: [UInt8], path: String) -> HCLFile {
        let parsed = HCLParser.parse(bytes, path: path)
        if parsed.source.lineStarts != SourceFile.lineStarts(of: bytes) { XCTFail("\(path): recorded line starts differ") }
        return parsed
    }

    // MARK: spec suite

    /// Expected diagnostics of a `.t` file: the `from.line` of each `diagnostics { error { ... } }`.
    private func expectedErrorLines(_ t: HCLFile) -> [Int] {
        var lines: [Int] = []
        for diagnostics in t.body.blocks(ofType: "diagnostics") {
            for error in diagnostics.body.blocks(ofType: "error") {
                guard let from = error.body.blocks(ofType: "from").first,
                      case .literal(let l)? = from.body.attribute("line")?.expression,
                      case .number(let n, _) = l.value else { continue }
                lines.append(Int(n))
            }
        }
        return lines
    }

    /// Names declared by `attr "name"` in an `.hcldec` object spec (nil when it is not such a spec).
    private func declaredAttributes(_ spec: HCLFile) -> Set<String>? {
        guard let object = spec.body.blocks(ofType: "object").first else { return nil }
        return Set(object.body.blocks(ofType: "attr").compactMap { $0.labels.first?.value })
    }

    func testSpecSuite() throws {
        guard let root = TestPaths.corpus("hcl-spec/specsuite/tests") else {
            throw XCTSkip(TestPaths.corpusSkipMessage("hcl-spec/specsuite/tests"))
        }
        var parsedCleanly = 0, errorCasesMatched = 0, schemaErrors = 0, valuesChecked = 0
        let inputs = files(under: root, suffixes: [".hcl"])
        XCTAssertGreaterThanOrEqual(inputs.count, 15)
        for input in inputs {
            let base = String(input.dropLast(4))
            guard let parsed = parseFile(input), let expectation = parseFile(base + ".t") else {
                XCTFail("cannot read \(input) or its .t file"); continue
            }
            XCTAssertEqual(expectation.diagnostics, [], "the .t file itself must parse: \(base).t")
            var expectedLines = expectedErrorLines(expectation)
            // An error about an attribute the .hcldec schema does not declare is a decoder error, not syntax.
            if let spec = parseFile(base + ".hcldec"), let declared = declaredAttributes(spec) {
                for attribute in parsed.body.attributes where !declared.contains(attribute.name) {
                    if let i = expectedLines.firstIndex(of: attribute.nameRange.start.line) {
                        expectedLines.remove(at: i)
                        schemaErrors += 1
                    }
                }
            }
            if expectedLines.isEmpty {
                XCTAssertEqual(parsed.diagnostics.map(\.description), [], "\(input) must parse without errors")
                if parsed.diagnostics.isEmpty { parsedCleanly += 1 }
                valuesChecked += checkLiteralResults(parsed, expectation, input)
            } else {
                let reported = Set(parsed.diagnostics.compactMap { $0.range?.start.line })
                for line in expectedLines {
                    XCTAssertTrue(reported.contains(line), "\(input): expected an error on line \(line), got \(parsed.diagnostics)")
                }
                XCTAssertEqual(Set(expectedLines), reported, "\(input): errors only on the expected lines")
                if Set(expectedLines) == reported { errorCasesMatched += 1 }
            }
        }
        print("HCL spec suite: \(inputs.count) inputs; \(parsedCleanly) parse cleanly, \(errorCasesMatched) error cases report every expected line, \(schemaErrors) schema-level diagnostics excluded, \(valuesChecked) literal values match")
    }

    /// Compares the `result` of a `.t` with the input wherever both sides are literal values
    /// (strings, numbers, bools, null), one object level deep.
    private func checkLiteralResults(_ parsed: HCLFile, _ expectation: HCLFile, _ input: String) -> Int {
        guard case .object(let result)? = expectation.body.attribute("result")?.expression else { return 0 }
        var checked = 0
        func compare(_ expected: HCLExpression, _ actual: HCLExpression?, _ name: String) {
            guard let actual else { return } // computed results (operators, blocks) are out of scope
            switch (expected, actual) {
            case (.template(let e), .template(let a)):
                guard let ev = e.literalValue, let av = a.literalValue else { return }
                XCTAssertEqual(av, ev, "\(input): \(name)")
                checked += 1
            case (.literal(let e), .literal(let a)):
                if case .number(let en, _) = e.value, case .number(let an, _) = a.value {
                    XCTAssertEqual(an, en, "\(input): \(name)")
                } else {
                    XCTAssertEqual(a.value, e.value, "\(input): \(name)")
                }
                checked += 1
            case (.object(let e), .object(let a)):
                for item in e.items {
                    guard let key = item.key.staticName else { continue }
                    compare(item.value, a.items.first { $0.key.staticName == key }?.value, "\(name).\(key)")
                }
            default:
                return
            }
        }
        for item in result.items {
            guard let key = item.key.staticName else { continue }
            compare(item.value, parsed.body.attribute(key)?.expression, key)
        }
        return checked
    }

    // MARK: real Terraform

    /// Files of the corpus written in HCL1 (Terraform 0.11) syntax, which HCL2 rejects.
    private static let knownInvalidRealFiles: [String: String] = [
        "apigw/dvsa/DtP-Test-Api-Terraform/api_gateway-testResource.tf":
            "HCL1: `data.template_file.200_response...` (a name starting with a digit after '.')",
        "apigw/dvsa/DtP-Test-Api-Terraform/data-policy.tf":
            "HCL1: commas after arguments inside a block",
    ]

    func testRealTerraformParsesWithoutErrors() throws {
        guard let root = TestPaths.corpus("tf-real") else { throw XCTSkip(TestPaths.corpusSkipMessage("tf-real")) }
        var total = 0, clean = 0, knownInvalid = 0
        for sub in ["apigw", "general"] {
            for path in files(under: Path.join(root, sub), suffixes: [".tf"]) {
                total += 1
                guard let parsed = parseFile(path) else { XCTFail("cannot read \(path)"); continue }
                let relative = Path.relative(path, to: root)
                if parsed.diagnostics.isEmpty {
                    clean += 1
                    XCTAssertNil(Self.knownInvalidRealFiles[relative], "\(relative) is listed as invalid but parses")
                } else if Self.knownInvalidRealFiles[relative] != nil {
                    knownInvalid += 1
                } else {
                    XCTFail("\(parsed.diagnostics[0])")
                }
            }
        }
        XCTAssertGreaterThan(total, 6_400)
        print("HCL tf-real apigw+general: \(clean)/\(total) .tf files parse without errors; \(knownInvalid) known HCL1 files report errors")
    }

    /// OpenTofu's inputs that are invalid at the syntax level (most of its invalid-* cases are
    /// semantically invalid but syntactically fine, and must parse).
    private static let syntaxInvalidRobustnessFiles: Set<String> = [
        "opentofu/opentofu/internal/command/testdata/init-syntax-invalid-backend-attribute-invalid/main.tf",
        "opentofu/opentofu/internal/configs/testdata/invalid-files/interp-in-data-label.tf",
        "opentofu/opentofu/internal/configs/testdata/invalid-files/interp-in-rsrc-label.tf",
        "opentofu/opentofu/internal/configs/testdata/invalid-files/json-as-native-syntax.tf",
        "opentofu/opentofu/internal/configs/testdata/invalid-files/provider-syntax.tf",
        "opentofu/opentofu/internal/configs/testdata/invalid-modules/multiple-required-providers-with-syntax-error/other.tf",
    ]

    func testRobustnessCorpus() throws {
        guard let root = TestPaths.corpus("tf-real/robustness") else {
            throw XCTSkip(TestPaths.corpusSkipMessage("tf-real/robustness"))
        }
        var total = 0
        var withErrors: Set<String> = []
        for path in files(under: root, suffixes: [".tf", ".tofu", ".hcl", ".tfvars"]) {
            total += 1
            guard let parsed = parseFile(path) else { continue }
            let relative = Path.relative(path, to: root)
            if !parsed.diagnostics.isEmpty {
                withErrors.insert(relative)
                for d in parsed.diagnostics { XCTAssertNotNil(d.range, "\(relative): a diagnostic without a range") }
            }
        }
        for expected in Self.syntaxInvalidRobustnessFiles {
            XCTAssertTrue(withErrors.contains(expected), "\(expected) is syntactically invalid but parsed without errors")
        }
        let tfOnly = withErrors.filter { $0.hasSuffix(".tf") }
        XCTAssertEqual(tfOnly, Self.syntaxInvalidRobustnessFiles, "unexpected syntax errors in OpenTofu's valid inputs")
        let others = withErrors.subtracting(tfOnly).sorted()
        print("HCL robustness: \(total) files parsed without a crash; \(withErrors.count) report syntax errors (\(Self.syntaxInvalidRobustnessFiles.count) known-invalid .tf all among them; other files with errors: \(others))")
    }

    func testFuzzSeedsNeverCrash() throws {
        guard let root = TestPaths.corpus("hcl-spec") else { throw XCTSkip(TestPaths.corpusSkipMessage("hcl-spec")) }
        var count = 0
        for sub in ["fuzz-decoded", "hclsyntax/fuzz"] {
            for path in files(under: Path.join(root, sub), suffixes: [""]) {
                guard case .success(let bytes) = FileSystem.read(path) else { continue }
                // As a config file, as an expression and as a template.
                checkedParse(bytes, path: path)
                checkedParse(Array("v = ".utf8) + bytes, path: path)
                checkedParse(Array("v = <<EOT\n".utf8) + bytes + Array("\nEOT\n".utf8), path: path)
                count += 1
            }
        }
        XCTAssertGreaterThan(count, 20)
        print("HCL fuzz seeds: \(count) files parsed three ways without a crash")
    }
}
