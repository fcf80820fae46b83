// `.iaclint.yml`: every key, and errors that name the line of an unknown key or bad value.

import XCTest
import IaCLintCore
import IaCLintKit
import TestSupport

final class ConfigurationTests: XCTestCase {
    func parse(_ text: String, known: Set<String> = ["APIGW001", "APIGW003", "APIGW007"]) -> Result<Configuration, ConfigurationError> {
        ConfigurationReader.parse(Array(text.utf8), path: "cfg/.iaclint.yml", knownRules: known)
    }

    func testEveryKey() throws {
        let config = try parse("""
        rules:
          APIGW007: off
          apigw003: {severity: note}
          APIGW001: warning
        exclude: ["examples/**", "legacy/*.tf"]
        account-role: external
        var-files: [prod.tfvars]
        vars: {region: eu-west-1, count: 3}
        fail-on: error
        """).get()
        XCTAssertEqual(config.disabledRules, ["APIGW007"])
        XCTAssertEqual(config.severityOverrides, ["APIGW003": .note, "APIGW001": .warning])
        XCTAssertEqual(config.excludes, ["examples/**", "legacy/*.tf"])
        XCTAssertEqual(config.accountRoleExternal, true)
        XCTAssertEqual(config.varFiles, ["prod.tfvars"])
        XCTAssertEqual(config.vars, ["region": "eu-west-1", "count": "3"])
        XCTAssertEqual(config.failOn, .error)
        XCTAssertEqual(config.directory, "cfg")
    }

    func testEmptyFileIsDefaults() throws {
        let config = try parse("# nothing yet\n").get()
        XCTAssertTrue(config.disabledRules.isEmpty)
        XCTAssertNil(config.failOn)
    }

    func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        switch parse(text) {
        case .success: XCTFail("accepted invalid configuration", file: file, line: line)
        case .failure(let error): XCTAssertEqual(error.description, expected, file: file, line: line)
        }
    }

    func testErrorsNameTheirLine() {
        assertError("rules:\n  APIGW007: off\nexlude: [x]\n",
                    "cfg/.iaclint.yml:3:1: error: unknown key 'exlude'; expected one of rules, exclude, account-role, var-files, vars, fail-on")
        assertError("rules:\n  APIGW099: off\n", "cfg/.iaclint.yml:2:3: error: unknown rule 'APIGW099'; run `iaclint rules` for the list")
        assertError("rules:\n  APIGW007: {severity: fatal}\n", "cfg/.iaclint.yml:2:24: error: severity must be error, warning or note")
        assertError("rules:\n  APIGW007: {sevrity: note}\n", "cfg/.iaclint.yml:2:14: error: unknown rule setting 'sevrity'; expected severity or enabled")
        assertError("account-role: mine\n", "cfg/.iaclint.yml:1:15: error: account-role must be 'external' or 'in-repo'")
        assertError("fail-on: sometimes\n", "cfg/.iaclint.yml:1:10: error: fail-on must be one of error, warning, note, never")
        assertError("exclude: [[a]]\n", "cfg/.iaclint.yml:1:11: error: exclude entries must be strings")
        assertError("- a\n", "cfg/.iaclint.yml:1:1: error: the configuration must be a mapping of settings")
        assertError("fail-on: error\nfail-on: note\n", "cfg/.iaclint.yml:2:1: error: duplicate key \"fail-on\" in a mapping")
        if case .success = parse("rules: {APIGW007: off\n") { XCTFail("accepted broken YAML") }
    }

    func testApplyDisablesAndOverridesButNeverHidesInputErrors() {
        var config = Configuration()
        config.disabledRules = ["APIGW007", "IAC001"]
        config.severityOverrides = ["APIGW001": .note]
        let r = SourceRange(file: "a.tf", at: .start)
        let findings = [
            Finding(ruleID: "APIGW007", ruleName: "x", severity: .warning, message: "a", range: r, resource: nil),
            Finding(ruleID: "APIGW001", ruleName: "y", severity: .error, message: "b", range: r, resource: nil),
            Finding(ruleID: "IAC001", ruleName: "parse-error", severity: .error, message: "c", range: r, resource: nil),
        ]
        XCTAssertEqual(config.apply(to: findings).map { "\($0.ruleID):\($0.severity)" }, ["APIGW001:note", "IAC001:error"])
    }

    func testFindStopsAtTheRepositoryRoot() throws {
        let root = "/tmp/iaclint-config-test-\(UInt32.random(in: 0...UInt32.max))"
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/repo/.git", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/repo/infra/app", withIntermediateDirectories: true)
        try "fail-on: note\n".write(toFile: root + "/.iaclint.yml", atomically: true, encoding: .utf8)
        defer { try? fm.removeItem(atPath: root) }
        XCTAssertNil(ConfigurationReader.find(from: root + "/repo/infra/app"), "must not look above the repository root")
        try "fail-on: error\n".write(toFile: root + "/repo/.iaclint.yml", atomically: true, encoding: .utf8)
        XCTAssertEqual(ConfigurationReader.find(from: root + "/repo/infra/app"), root + "/repo/.iaclint.yml")
        try "".write(toFile: root + "/repo/infra/.iaclint.yml", atomically: true, encoding: .utf8)
        XCTAssertEqual(ConfigurationReader.find(from: root + "/repo/infra/app/main.tf"), root + "/repo/infra/.iaclint.yml")
        XCTAssertEqual(ConfigurationReader.repositoryRoot(from: root + "/repo/infra/app"), root + "/repo")
    }
}
