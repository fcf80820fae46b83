// The access-log format checks on known strings, per API type.

import XCTest
@testable import IaCLintRules

final class AccessLogFormatTests: XCTestCase {
    private func kinds(_ text: String, _ api: ApiType) -> [FormatProblem.Kind] {
        AccessLogFormat.check(text, api: api).map(\.kind)
    }

    func testRequestIdMustBeAWholeVariableName() {
        XCTAssertEqual(kinds("$context.requestId", .rest), [])
        XCTAssertEqual(kinds("$context.extendedRequestId", .http), [])
        XCTAssertTrue(kinds("$context.requestIdX $context.status", .webSocket).contains(.missingRequestId))
        XCTAssertTrue(kinds("requestId $context.status", .rest).contains(.missingRequestId))
    }

    func testNearMissIsSuggestedAndSeverityDependsOnAPIType() {
        let http = AccessLogFormat.check("$context.requestId $context.identity.sourceIP", api: .http)
        XCTAssertEqual(http.map(\.kind), [.unknownVariables([UnknownVariable(name: "identity.sourceIP", suggestion: "identity.sourceIp")])])
        XCTAssertEqual(http.map(\.isError), [true])
        let rest = AccessLogFormat.check("$context.requestId $context.sourceIp", api: .rest)
        XCTAssertEqual(rest.map(\.kind), [.unknownVariables([UnknownVariable(name: "sourceIp", suggestion: "identity.sourceIp")])])
        XCTAssertEqual(rest.map(\.isError), [false])
    }

    func testVariablesDifferPerAPIType() {
        XCTAssertEqual(kinds("$context.requestId $context.resourcePath", .rest), [])
        XCTAssertEqual(kinds("$context.requestId $context.routeKey", .http), [])
        if case .unknownVariables(let unknown)? = kinds("$context.requestId $context.resourcePath $context.xrayTraceId", .http).first {
            XCTAssertEqual(unknown.map(\.name), ["resourcePath", "xrayTraceId"])
        } else { XCTFail("resourcePath is not an HTTP variable") }
        XCTAssertEqual(kinds("$context.requestId $context.connectionId $context.eventType", .webSocket), [])
    }

    func testWildcardFamiliesAcceptAnySuffix() {
        XCTAssertEqual(kinds("$context.requestId $context.authorizer.claims.email $context.authorizer.tenant", .http), [])
        XCTAssertEqual(kinds("$context.requestId $context.requestOverride.header.x-trace-id", .rest), [])
        XCTAssertEqual(kinds("$context.requestId $context.authorizer.tenant", .webSocket), [])
    }

    func testSentencePunctuationEndsAVariable() {
        let uses = AccessLogFormat.variables(in: "id=$context.requestId. st=$context.status,")
        XCTAssertEqual(uses.map(\.name), ["requestId", "status"])
        XCTAssertEqual(uses.first?.start, 3)
        XCTAssertEqual(uses.first?.end, 21)
    }

    func testNewlines() {
        XCTAssertEqual(kinds("$context.requestId\n", .rest), [])
        XCTAssertEqual(kinds("$context.requestId\n", .http), [.newline(trailingOnly: true)])
        XCTAssertEqual(kinds("$context.requestId\n$context.status\n", .rest), [.newline(trailingOnly: false)])
    }

    func testJSONValidityAfterSubstitution() {
        XCTAssertEqual(kinds(#"{"requestId":"$context.requestId","status":$context.status}"#, .rest), [])
        let broken = kinds(#"{"requestId":"$context.requestId", "status":"$context.status",}"#, .rest)
        XCTAssertEqual(broken.count, 1)
        if case .invalidJSON(let message)? = broken.first {
            XCTAssertTrue(message.contains("expected a quoted member name"), message)
            XCTAssertTrue(message.contains("$context.status\",}"), "the excerpt shows the original text: \(message)")
        } else { XCTFail("expected a JSON problem") }
        // Not JSON-looking: no JSON check.
        XCTAssertEqual(kinds(#"$context.requestId {"#, .rest), [])
    }

    func testEmptyAndLength() {
        XCTAssertEqual(kinds("", .rest), [.empty])
        let long = "$context.requestId " + String(repeating: "x", count: 1010)
        XCTAssertEqual(kinds(long, .http), [.tooLong(length: 1029)])
        XCTAssertEqual(kinds(long, .rest), [])
    }

    func testUnsupportedFamilies() {
        XCTAssertEqual(kinds("$context.requestId $input.body", .rest), [.unsupportedVariable(name: "$input")])
    }

    func testCataloguesMatchTheReferenceCounts() {
        // REFERENCE.md §1.3–1.5: 76 REST (+3 newer), 52 HTTP, 53 WebSocket documented names.
        XCTAssertEqual(ContextVariableCatalog.rest.names.count + ContextVariableCatalog.rest.familyPrefixes.count, 79)
        XCTAssertEqual(ContextVariableCatalog.http.names.count + ContextVariableCatalog.http.familyPrefixes.count, 52)
        XCTAssertEqual(ContextVariableCatalog.webSocket.names.count + ContextVariableCatalog.webSocket.familyPrefixes.count, 53)
    }

    func testEditDistance() {
        XCTAssertEqual(EditDistance.between("status", "stats", limit: 3), 1)
        XCTAssertEqual(EditDistance.between("", "abc", limit: 3), 3)
        XCTAssertEqual(EditDistance.between("abcdefgh", "z", limit: 2), 3)
    }
}
