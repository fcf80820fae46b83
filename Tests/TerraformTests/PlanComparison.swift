// Helpers that load a fixture and compare what iaclint evaluates with a real `terraform show -json` plan.

import XCTest
import IaCLintCore
import TestSupport
@testable import Terraform

enum Fixture {
    static func directory(_ name: String) -> String { TestPaths.testdata("terraform/\(name)") }

    static func options(_ extra: (inout TerraformOptions) -> Void = { _ in }) -> TerraformOptions {
        var o = TerraformOptions(scanRoot: TestPaths.testdata("terraform"))
        extra(&o)
        return o
    }

    static func load(_ name: String, _ extra: (inout TerraformOptions) -> Void = { _ in }) -> ResourceGraph {
        TerraformLoader.load(directories: [directory(name)], options: options(extra))
    }

    static func plan(_ name: String) -> Value? {
        let path = Path.join(directory(name), "plan.json")
        guard let text = TestPaths.readText(path) else { return nil }
        return TerraformLoader.decodeJSON(Array(text.utf8), path: path)
    }

    /// `resource_changes[]` by address.
    static func planChanges(_ plan: Value) -> [String: Value] {
        var out: [String: Value] = [:]
        for change in plan["resource_changes"]?.listValue ?? [] {
            if let address = change["address"]?.stringValue { out[address] = change }
        }
        // Data sources read during planning are in the prior state, not among the changes.
        var modules = [plan["prior_state"]?["values"]?["root_module"]].compactMap { $0 }
        while let module = modules.popLast() {
            for r in module["resources"]?.listValue ?? [] {
                guard let address = r["address"]?.stringValue, r["mode"]?.stringValue == "data", let values = r["values"] else { continue }
                out[address] = .object([ObjectEntry("change", .object([ObjectEntry("after", values)]))])
            }
            modules += module["child_modules"]?.listValue ?? []
        }
        return out
    }
}

/// Compares evaluated attributes with a plan's `after`/`after_unknown`, collecting mismatches.
struct PlanComparator {
    var mismatches: [String] = []
    var comparedLeaves = 0
    var unknownLeaves = 0

    mutating func compare(_ ours: Value, after: Value?, unknown: Value?, path: String) {
        if unknown?.boolValue == true {
            // The plan does not know it either; whatever we computed is not contradicted.
            if ours.isUnknown { unknownLeaves += 1 }
            return
        }
        switch ours.kind {
        case .unknown(let reason):
            unknownLeaves += 1
            if let after, !after.isNull, reason.kind != .knownAfterApply {
                mismatches.append("\(path): iaclint says unknown (\(reason)) but the plan knows \(describe(after))")
            }
        case .object(let entries):
            guard let after, let afterEntries = after.objectEntries else {
                mismatches.append("\(path): object vs \(after.map(describe) ?? "nothing")"); return
            }
            _ = afterEntries
            for e in entries { compare(e.value, after: after[e.key], unknown: unknown?[e.key], path: "\(path).\(e.key)") }
        case .list(let items):
            guard let after, let afterItems = after.listValue else {
                if after == nil || after?.isNull == true, items.isEmpty { return }
                mismatches.append("\(path): list vs \(after.map(describe) ?? "nothing")"); return
            }
            guard afterItems.count == items.count else {
                mismatches.append("\(path): \(items.count) elements vs \(afterItems.count) in the plan"); return
            }
            let unknownItems = unknown?.listValue
            for (i, item) in items.enumerated() {
                compare(item, after: afterItems[i], unknown: unknownItems.flatMap { i < $0.count ? $0[i] : nil }, path: "\(path)[\(i)]")
            }
        default:
            comparedLeaves += 1
            guard let after else { mismatches.append("\(path): \(describe(ours)) missing in the plan"); return }
            if !ours.sameContents(as: after) && !sameJSON(ours, after) {
                mismatches.append("\(path): iaclint \(describe(ours)) != plan \(describe(after))")
            }
        }
    }

    /// Providers normalise policy documents (minified, keys sorted): compare those as JSON.
    func sameJSON(_ a: Value, _ b: Value) -> Bool {
        guard let x = a.stringValue, let y = b.stringValue, x.hasPrefix("{"), y.hasPrefix("{"),
              let dx = TerraformLoader.decodeJSON(Array(x.utf8), path: "a"), let dy = TerraformLoader.decodeJSON(Array(y.utf8), path: "b") else { return false }
        return dx.sameContents(as: dy)
    }

    func describe(_ v: Value) -> String {
        switch v.kind {
        case .string(let s): return "\"\(s)\""
        case .number(let n): return TerraformNumber.format(n)
        case .bool(let b): return "\(b)"
        case .null: return "null"
        case .unknown(let r): return "unknown(\(r))"
        case .list(let l): return "[\(l.map(describe).joined(separator: ", "))]"
        case .object(let o): return "{\(o.map { "\($0.key): \(describe($0.value))" }.joined(separator: ", "))}"
        default: return "?"
        }
    }
}

extension XCTestCase {
    /// Every resource of the fixture matches the plan's: same addresses, and every known value we
    /// compute equals the planned one.
    func assertGraphMatchesPlan(_ name: String, file: StaticString = #filePath, line: UInt = #line) -> ResourceGraph? {
        guard let plan = Fixture.plan(name) else { XCTFail("no plan.json for \(name)", file: file, line: line); return nil }
        let graph = Fixture.load(name)
        let changes = Fixture.planChanges(plan)
        XCTAssertEqual(Set(graph.resources.map(\.address)), Set(changes.keys), "resource addresses", file: file, line: line)
        var comparator = PlanComparator()
        for r in graph.resources {
            guard let change = changes[r.address]?["change"] else { continue }
            comparator.compare(r.attributes, after: change["after"], unknown: change["after_unknown"], path: r.address)
        }
        XCTAssertEqual(comparator.mismatches, [], file: file, line: line)
        XCTAssertGreaterThan(comparator.comparedLeaves, 5, file: file, line: line)
        return graph
    }
}
