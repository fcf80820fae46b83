// Hostile file contents: empty, binary, bad encodings, huge lines, deep nesting, alias bombs, huge
// mappings, duplicate keys and unterminated constructs. Each ends in a located error or a clean
// result, the neighbour is still checked, and time and memory stay bounded.

import XCTest
@testable import IaCLintKit
import IaCLintCore

final class HostileContentTests: HostileTestCase {
    func testEmptyFilesAreValidAndChecked() {
        write("empty/main.tf", "")
        write("empty/template.yaml", "")
        write("empty/plan.json", "")
        write("empty/vars.tfvars", "")
        addNeighbour()
        let result = lint()
        // An empty .tf is an empty module (Terraform accepts it); empty YAML/JSON is not a template.
        assertNoInputErrors(result)
        assertNeighbourChecked(result)
        XCTAssertEqual(result.filesChecked, 2)
    }

    func testBinaryFileNamedTF() {
        var bytes: [UInt8] = []
        var state: UInt32 = 12345
        for _ in 0..<(256 << 10) {  // large enough that quadratic error positions would blow the time bound
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        bytes[10] = 0
        write("bin/blob.tf", bytes)
        addNeighbour("bin/stage.tf")
        let result = lint()
        assertInputError(result, in: "bin/blob.tf")
        assertNeighbourChecked(result, "bin/stage.tf")
    }

    func testInvalidUTF8IsLocated() {
        write("bad/main.tf", [UInt8]("locals {\n  a = \"ok\"\n  b = \"".utf8) + [0xFF, 0xFE, 0xC3] + [UInt8]("\"\n}\n".utf8))
        addNeighbour("bad/stage.tf")
        write("cfn/template.yaml", [UInt8]((Self.badTemplate + "Description: \"").utf8) + [0xC0, 0x80] + [UInt8]("\"\n".utf8))
        let result = lint()
        assertInputError(result, in: "bad/main.tf", atLine: 3, containing: "UTF-8")
        assertInputError(result, in: "cfn/template.yaml")
        assertNeighbourChecked(result, "bad/stage.tf")
    }

    func testUTF16WithBOM() {
        // HCL is UTF-8 only: a UTF-16 .tf is an error at its first byte.
        write("tf16/main.tf", utf16LE(Self.badStage))
        // YAML and JSON allow UTF-16 with a BOM: the template's stage is still checked.
        write("cfn16/template.yaml", utf16LE(Self.badTemplate))
        addNeighbour()
        let result = lint()
        assertInputError(result, in: "tf16/main.tf", atLine: 1)
        XCTAssertTrue(result.findings.contains { $0.ruleID == "APIGW001" && $0.range?.file == "cfn16/template.yaml" && $0.range?.start.line == 3 },
                      describe(result))
        assertNeighbourChecked(result)
    }

    func testCRLFLineEndingsKeepLineNumbers() {
        let crlf = ("# comment\n" + Self.badStage).replacingOccurrences(of: "\n", with: "\r\n")
        write("crlf/main.tf", crlf)
        write("crlfcfn/template.yaml", ("# comment\n" + Self.badTemplate).replacingOccurrences(of: "\n", with: "\r\n"))
        let result = lint()
        assertNoInputErrors(result)
        XCTAssertTrue(result.findings.contains { $0.ruleID == "APIGW001" && $0.range?.file == "crlf/main.tf" && $0.range?.start.line == 2 },
                      describe(result))
        XCTAssertTrue(result.findings.contains { $0.ruleID == "APIGW001" && $0.range?.file == "crlfcfn/template.yaml" && $0.range?.start.line == 4 },
                      describe(result))
    }

    func testFiftyMegabyteSingleLine() {
        // 50 MB on one line inside a string that never closes: the whole line is lexed, and the error
        // points at where the string starts. (A debug build lexes it in tens of seconds; release in well under one.)
        var bytes = [UInt8]("locals { big = \"".utf8)
        bytes.reserveCapacity((50 << 20) + 32)
        bytes += [UInt8](repeating: UInt8(ascii: "b"), count: 50 << 20)
        write("big/main.tf", bytes)
        addNeighbour()
        let result = lint(seconds: 90)
        assertInputError(result, in: "big/main.tf", atLine: 1)
        assertNeighbourChecked(result)
    }

    func testHundredThousandNestedBrackets() {
        let depth = 100_000
        write("deephcl/main.tf", "locals { x = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + " }\n")
        write("deephcl2/main.tf", "locals { x = " + String(repeating: "{a=", count: depth) + "1" + String(repeating: "}", count: depth) + " }\n")
        write("deepyaml/template.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  X: " + String(repeating: "[", count: depth) + "\n")
        write("deepjson/template.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": " + String(repeating: "[", count: depth) + "}")
        write("deeptfjson/main.tf.json", "{\"locals\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}")
        write("deepplan/plan.json", "{\"format_version\": \"1.2\", \"planned_values\": " + String(repeating: "[", count: depth) + "}")
        addNeighbour()
        let result = lint(seconds: 30)
        for file in ["deephcl/main.tf", "deephcl2/main.tf", "deepyaml/template.yaml", "deepjson/template.json",
                     "deeptfjson/main.tf.json", "deepplan/plan.json"] {
            assertInputError(result, in: file, atLine: file.hasPrefix("deepyaml") ? 3 : 1)
        }
        assertNeighbourChecked(result)
    }

    func testYAMLAliasBomb() {
        var yaml = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\nMetadata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...12 {
            yaml += "  a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        write("bomb/template.yaml", yaml)
        addNeighbour()
        let result = lint(seconds: 30, memoryMB: 3072)
        assertInputError(result, in: "bomb/template.yaml")
        assertNeighbourChecked(result)
    }

    func testTemplateWithAMillionKeys() {
        var yaml = "AWSTemplateFormatVersion: \"2010-09-09\"\nMetadata:\n"
        yaml.reserveCapacity(16 << 20)
        for i in 0..<1_000_000 { yaml += "  k\(i): \(i)\n" }
        yaml += Self.badTemplate.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        write("million/template.yaml", yaml)
        addNeighbour()
        let result = lint(seconds: 120)
        // Two million nodes is the reader's memory bound: the template is refused at the line where it
        // passes it, with a message that does not blame aliases.
        let error = assertInputError(result, in: "million/template.yaml", atLine: 1_000_000, containing: "more than 2000000 nodes")
        XCTAssertEqual(error?.message.contains("alias"), false)
        assertNeighbourChecked(result)
    }

    func testDuplicateKeys() {
        write("duphcl/main.tf", "locals {\n  a = 1\n  a = 2\n}\n")
        write("dupcfn/template.yaml", Self.badTemplate + "Resources:\n  Other:\n    Type: AWS::SNS::Topic\n")
        write("dupjson/main.tf.json", "{\"locals\": {\"a\": 1}, \"locals\": {\"a\": 2}}")
        addNeighbour()
        let result = lint()
        assertInputError(result, in: "duphcl/main.tf", atLine: 3)
        assertInputError(result, in: "dupcfn/template.yaml", atLine: 9, containing: "duplicate key \"Resources\"")
        assertNeighbourChecked(result)
    }

    func testUnterminatedHeredocStringAndComment() {
        write("heredoc/main.tf", "locals {\n  a = <<EOT\nline\nline\n")
        write("string/main.tf", "locals {\n  a = \"never closed\n}\n")
        write("comment/main.tf", "locals {}\n/* never closed\nresource \"x\" \"y\" {}\n")
        write("yamlstring/template.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  X:\n    Type: \"AWS::SNS::Topic\n")
        write("jsonstring/plan.json", "{\"format_version\": \"1.2\", \"planned_values\": {\"x\": \"never closed}}")
        addNeighbour()
        let result = lint()
        assertInputError(result, in: "heredoc/main.tf", atLine: 2)
        assertInputError(result, in: "string/main.tf", atLine: 2)
        assertInputError(result, in: "comment/main.tf", atLine: 2)
        assertInputError(result, in: "yamlstring/template.yaml")
        assertInputError(result, in: "jsonstring/plan.json", atLine: 1)
        assertNeighbourChecked(result)
    }

    private func utf16LE(_ text: String) -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { out.append(UInt8(unit & 0xFF)); out.append(UInt8(unit >> 8)) }
        return out
    }
}
