// Expression tests: every construct of the expression grammar, with ranges and precedence.

import XCTest
import HCL
import IaCLintCore

final class HCLExpressionTests: XCTestCase {
    // Expressions are parsed as `v = <text>`, so the text starts at column 5 (offset 4).

    func testLiterals() {
        guard case .literal(let n) = expression("1.5e3") else { return XCTFail() }
        XCTAssertEqual(n.value, .number(1500, text: "1.5e3"))
        XCTAssertEqual(describe(n.range), "1:5-1:10@4-9")
        guard case .literal(let t) = expression("true"), case .literal(let f) = expression("false"),
              case .literal(let z) = expression("null") else { return XCTFail() }
        XCTAssertEqual([t.value, f.value, z.value], [.bool(true), .bool(false), .null])
        guard case .literal(let big) = expression("3.14159265358979323846264338327950288419716939937510582097494459") else { return XCTFail() }
        guard case .number(let d, _) = big.value else { return XCTFail() }
        XCTAssertEqual(d, 3.141592653589793, accuracy: 1e-15)
    }

    func testPrecedenceAndAssociativity() {
        // 1 + 2 * 3 - 4  ==  (1 + (2 * 3)) - 4
        guard case .binary(let sub) = expression("1 + 2 * 3 - 4") else { return XCTFail() }
        XCTAssertEqual(sub.op, .subtract)
        guard case .binary(let add) = sub.lhs, case .binary(let mul) = add.rhs else { return XCTFail() }
        XCTAssertEqual(add.op, .add)
        XCTAssertEqual(mul.op, .multiply)
        XCTAssertEqual(describe(mul.range), "1:9-1:14@8-13")
        XCTAssertEqual(describe(sub.operatorRange), "1:15-1:16@14-15")
        // a || b && c == d < e  ==  a || (b && (c == (d < e)))
        guard case .binary(let or) = expression("a || b && c == d < e"), or.op == .or,
              case .binary(let and) = or.rhs, and.op == .and,
              case .binary(let eq) = and.rhs, eq.op == .equal,
              case .binary(let lt) = eq.rhs, lt.op == .less else { return XCTFail("wrong precedence") }
    }

    func testUnaryBindsTighterThanBinary() {
        guard case .binary(let b) = expression("-a * !b"), case .unary(let neg) = b.lhs, case .unary(let not) = b.rhs else {
            return XCTFail()
        }
        XCTAssertEqual(neg.op, .negate)
        XCTAssertEqual(not.op, .not)
        XCTAssertEqual(describe(neg.range), "1:5-1:7@4-6")
        // The unary applies to the whole traversal: -a.b is -(a.b).
        guard case .unary(let u) = expression("-a.b"), case .scopeTraversal(let t) = u.operand else { return XCTFail() }
        XCTAssertEqual(t.steps.count, 1)
    }

    func testConditionalIsRightAssociative() {
        guard case .conditional(let c) = expression("a ? b : c ? d : e") else { return XCTFail() }
        XCTAssertEqual(describe(c.range), "1:5-1:22@4-21")
        guard case .conditional = c.falseResult else { return XCTFail("nested conditional expected in the false branch") }
    }

    func testParentheses() {
        guard case .binary(let b) = expression("(1 + 2) * 3"), case .parenthesized(let p) = b.lhs else { return XCTFail() }
        XCTAssertEqual(describe(p.range), "1:5-1:12@4-11")
        // Newlines are insignificant inside parentheses.
        guard case .parenthesized = expression("(\n  1 +\n  2\n)") else { return XCTFail() }
    }

    func testTraversals() {
        guard case .scopeTraversal(let t) = expression("aws_cloudwatch_log_group.logs[\"k\"][0].arn") else { return XCTFail() }
        XCTAssertEqual(t.root.name, "aws_cloudwatch_log_group")
        XCTAssertEqual(t.steps.count, 4)
        XCTAssertEqual(t.steps.map { describe($0.range) }, ["1:29-1:34@28-33", "1:34-1:39@33-38", "1:39-1:42@38-41", "1:42-1:46@41-45"])
        XCTAssertEqual(describe(t.range), "1:5-1:46@4-45")
    }

    func testLegacyIndexes() {
        guard case .scopeTraversal(let t) = expression("a.0.b.1.2") else { return XCTFail() }
        XCTAssertEqual(t.steps, [
            .legacyIndex(0, t.steps[0].range), .attribute("b", t.steps[1].range),
            .legacyIndex(1, t.steps[2].range), .legacyIndex(2, t.steps[3].range),
        ])
        XCTAssertEqual(t.steps.map { describe($0.range) }, ["1:6-1:8@5-7", "1:8-1:10@7-9", "1:10-1:12@9-11", "1:12-1:14@11-13"])
    }

    func testSplats() {
        guard case .splat(let full) = expression("a[*].b[0]") else { return XCTFail() }
        XCTAssertEqual(full.kind, .full)
        XCTAssertEqual(full.each.count, 2, "a full splat applies following index steps to each element")
        XCTAssertEqual(describe(full.markerRange), "1:6-1:9@5-8")
        guard case .relativeTraversal(let rel) = expression("a.*.b[0]"), case .splat(let attr) = rel.source else {
            return XCTFail("an attribute-only splat ends at an index step")
        }
        XCTAssertEqual(attr.kind, .attributeOnly)
        XCTAssertEqual(attr.each.count, 1)
        XCTAssertEqual(rel.steps.count, 1)
    }

    func testFunctionCalls() {
        guard case .functionCall(let f) = expression("lookup(var.m, \"k\",\n  null,)") else { return XCTFail() }
        XCTAssertEqual(f.name, "lookup")
        XCTAssertEqual(f.arguments.count, 3)
        XCTAssertFalse(f.expandFinal)
        XCTAssertEqual(describe(f.nameRange), "1:5-1:11@4-10")
        XCTAssertEqual(describe(f.closeParenRange), "2:8-2:9@30-31")
        guard case .functionCall(let e) = expression("max(var.list...)") else { return XCTFail() }
        XCTAssertTrue(e.expandFinal)
        guard case .functionCall(let p) = expression("provider::aws::arn_parse(x)") else { return XCTFail() }
        XCTAssertEqual(p.name, "provider::aws::arn_parse")
        XCTAssertEqual(describe(p.nameRange), "1:5-1:29@4-28")
        guard case .functionCall(let none) = expression("timestamp()") else { return XCTFail() }
        XCTAssertEqual(none.arguments.count, 0)
    }

    func testTuples() {
        guard case .tuple(let t) = expression("[\n  1,\n  \"two\",\n]") else { return XCTFail() }
        XCTAssertEqual(t.elements.count, 2)
        XCTAssertEqual(describe(t.range), "1:5-4:2@4-21")
        guard case .tuple(let empty) = expression("[]") else { return XCTFail() }
        XCTAssertEqual(empty.elements.count, 0)
    }

    func testObjects() {
        guard case .object(let o) = expression("{\n  a = 1, \"b\" : 2\n  (k) = 3\n  4 = x\n}") else { return XCTFail() }
        XCTAssertEqual(o.items.count, 4)
        XCTAssertEqual(o.items[0].key, .name("a", o.items[0].key.range))
        XCTAssertEqual(describe(o.items[0].key.range), "2:3-2:4@8-9")
        XCTAssertEqual(o.items[1].key.staticName, "b")
        guard case .expression(.parenthesized) = o.items[2].key else { return XCTFail("(k) is an expression key") }
        XCTAssertNil(o.items[2].key.staticName)
        guard case .expression(.literal) = o.items[3].key else { return XCTFail("a number key is an expression") }
    }

    func testForExpressions() {
        guard case .forExpression(let t) = expression("[for i, v in var.l : v if i > 0]") else { return XCTFail() }
        XCTAssertFalse(t.isObject)
        XCTAssertEqual(t.keyVariable?.name, "i")
        XCTAssertEqual(t.valueVariable.name, "v")
        XCTAssertNotNil(t.condition)
        XCTAssertEqual(describe(t.range), "1:5-1:37@4-36")
        guard case .forExpression(let o) = expression("{\n  for k, v in var.m :\n  k => v...\n}") else { return XCTFail() }
        XCTAssertTrue(o.isObject)
        XCTAssertTrue(o.grouping)
        XCTAssertNil(o.condition)
        guard case .forExpression(let single) = expression("[for v in x : v]") else { return XCTFail() }
        XCTAssertNil(single.keyVariable)
    }

    func testRelativeTraversalOnCallAndTuple() {
        guard case .relativeTraversal(let r) = expression("element(x, 0).id") else { return XCTFail() }
        guard case .functionCall = r.source else { return XCTFail() }
        XCTAssertEqual(describe(r.range), "1:5-1:21@4-20")
        guard case .relativeTraversal(let t) = expression("[1, 2][0]"), case .tuple = t.source else { return XCTFail() }
    }

    func testNewlineEndsAnAttributeButNotInsideBrackets() {
        let parsed = parseHCL("a = [\n1\n,\n2]\nb = f(\n1,\n2\n)\n")
        XCTAssertEqual(parsed.diagnostics, [])
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["a", "b"])
    }
}
