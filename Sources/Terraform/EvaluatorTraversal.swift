// Names and accesses: `var.x`, `local.x`, `module.m.out`, `aws_x.y[0].arn`, `data.t.n.attr`,
// `path.*`, `terraform.workspace`, `count.index`, `each.*`, and attribute/index steps on values.

import IaCLintCore
import HCL

/// Data sources whose attributes depend on the account or region the plan runs in.
let deploymentContextDataSources: Set<String> = ["aws_partition", "aws_region", "aws_caller_identity", "aws_availability_zones", "aws_default_tags"]

/// What the first name of a traversal stands for. Told apart by length first: a `switch` over the
/// ten names compared a resource type with each of them, a runtime string comparison apiece.
enum TraversalRoot {
    case variable, local, module, data, path, terraform, count, each, selfObject, ephemeral
    /// Any other name: `aws_x.y` refers to a managed resource.
    case resourceType

    @inline(__always)
    init(_ name: String) {
        switch name.utf8.count {
        case 3: self = name == "var" ? .variable : .resourceType
        case 4:
            if name == "data" { self = .data } else if name == "each" { self = .each }
            else if name == "path" { self = .path } else if name == "self" { self = .selfObject }
            else { self = .resourceType }
        case 5: self = name == "local" ? .local : name == "count" ? .count : .resourceType
        case 6: self = name == "module" ? .module : .resourceType
        case 9: self = name == "terraform" ? .terraform : name == "ephemeral" ? .ephemeral : .resourceType
        default: self = .resourceType
        }
    }
}

extension Evaluator {
    func evaluateTraversal(_ t: ScopeTraversal, _ s: EvalScope) -> Value {
        let name = t.root.name
        // The steps are read from `t` in place, and sliced only where they are applied: a slice
        // of them made up front retained and released the array for every traversal (210,000 on
        // tf-real), though most (`var.x`, `local.x`) never apply a step.
        let steps = t.steps
        if let bound = s.bound[name] { return applySteps(bound, t.steps[...], s).withRange(t.range) }
        if s.templateOnly {
            return Value.unknown(.invalid, "templatefile: \(name) is not among the template's variables", range: t.range)
        }
        let m = s.module
        switch TraversalRoot(name) {
        case .variable:
            guard case .attribute(let v, _)? = steps.first else { return invalidReference(t, "var needs a variable name") }
            if steps.count == 1 { return flowedVariable(v, m, to: t.range) }
            return flowed(applySteps(variableValue(v, m), t.steps.dropFirst(), s), to: t.range)
        case .local:
            guard case .attribute(let l, _)? = steps.first else { return invalidReference(t, "local needs a name") }
            if steps.count == 1 { return flowedLocal(l, m, to: t.range) }
            return flowed(applySteps(localValue(l, m), t.steps.dropFirst(), s), to: t.range)
        case .module:
            return moduleReference(t, s)
        case .data:
            guard case .attribute(let type, _)? = steps.first, steps.count >= 2, case .attribute(let n, _) = steps[1] else {
                return invalidReference(t, "data needs a type and a name")
            }
            return resourceReference(mode: .data, type: type, name: n, steps: t.steps.dropFirst(2), t, s)
        case .path:
            guard case .attribute(let which, _)? = steps.first else { return invalidReference(t, "path needs module, root or cwd") }
            switch which {
            case "module": return .string(m.pathModule, range: t.range)
            case "root", "cwd": return .string(".", range: t.range)
            default: return invalidReference(t, "unknown path attribute \(which)")
            }
        case .terraform:
            guard case .attribute("workspace", _)? = steps.first else { return invalidReference(t, "only terraform.workspace is supported") }
            return .string(context.options.workspace, range: t.range)
        case .count:
            guard case .attribute("index", _)? = steps.first else { return invalidReference(t, "count has only count.index") }
            guard let i = s.iteration.countIndex else { return invalidReference(t, "count.index used where count is not set") }
            return i.withRange(t.range)
        case .each:
            guard case .attribute(let which, _)? = steps.first, which == "key" || which == "value" else {
                return invalidReference(t, "each has only each.key and each.value")
            }
            guard let v = which == "key" ? s.iteration.eachKey : s.iteration.eachValue else {
                return invalidReference(t, "each.\(which) used where for_each is not set")
            }
            return flowed(applySteps(v, t.steps.dropFirst(), s), to: t.range)
        case .selfObject:
            return Value.unknown(.knownAfterApply, "self", range: t.range)
        case .ephemeral:
            // Ephemeral resources (Terraform 1.10) are opened during the run and never stored.
            return Value.unknown(.external, "ephemeral values exist only while Terraform runs", range: t.range)
        case .resourceType:
            guard case .attribute(let n, _)? = steps.first else { return invalidReference(t, "a resource reference needs a type and a name") }
            return resourceReference(mode: .managed, type: name, name: n, steps: t.steps.dropFirst(), t, s)
        }
    }

    private func invalidReference(_ t: ScopeTraversal, _ message: String) -> Value {
        Value.unknown(.invalid, message, range: t.range)
    }

    /// A value read through a name: its range becomes the place it is used, and where it came
    /// from is appended to `via` (outermost first).
    func flowed(_ v: consuming Value, to range: SourceRange) -> Value {
        // Changed in place (`v` is consumed): a new value copied the kind, a retain and a release
        // of its box. `appendVia` boxes new metadata once, pointing at the earlier places.
        var out = v
        guard let origin = out.range else { out.range = range; return out }
        if origin == range { return out }
        out.range = range
        out.appendVia(origin)
        return out
    }

    // MARK: Resources and data sources

    /// The address references to declaration `index` of `m` name, made once per instance.
    private func referenceTarget(_ index: Int, _ m: ModuleInstance) -> String {
        let states = m.resources
        if index < states.count, let known = states[referenceTarget: index] { return known }
        let local = m.config.resources[index].localAddress
        let target = m.addressPrefix.isEmpty ? local : joined(m.addressPrefix, local)
        if index < states.count { states[referenceTarget: index] = target }
        return target
    }

    private func resourceReference(mode: Resource.Mode, type: String, name: String, steps: ArraySlice<TraversalStep>,
                                   _ t: ScopeTraversal, _ s: EvalScope) -> Value {
        let m = s.module
        // By index: `resource(local)` copied the whole declaration (a retain per field) for every
        // reference, though a cached value needs none of it.
        let config = m.config
        // The array bound once: each `config.resources[index]` read of the class's property copied
        // the whole declaration (a retain per field) to read one field of it.
        let resources = config.resources
        let found = mode == .data ? config.declarations.resourceIndex.position(prefix: "data.", type, name)
            : config.declarations.resourceIndex.position(prefix: "", type, name)
        guard let index = found, index < resources.count else {
            let local = mode == .data ? "data.\(type).\(name)" : "\(type).\(name)"
            return Value.unknown(.invalid, "reference to undeclared \(mode == .data ? "data source" : "resource") \(local)", range: t.range)
        }
        var target = referenceTarget(index, m)
        var value: Value
        if index < m.resources.count, case .done(let cached) = m.resources[value: index] {
            value = cached
        } else {
            value = resourceValue(resources[index], m)
        }
        var rest = steps
        if resources[index].count != nil || resources[index].forEach != nil, let first = rest.first {
            var keyValue: Value? = nil
            switch first {
            case .index(let e, _): keyValue = evaluate(e, s)
            case .legacyIndex(let i, _): keyValue = .number(Double(i))
            case .attribute: break
            }
            if let k = keyValue {
                if !k.isUnknown, let key = InstanceKey.from(k) { target = InstanceKey.address(target, key) }
                value = applySteps(value, rest.prefix(1), s)
                rest = rest.dropFirst()
            }
        }
        var attribute: String? = nil
        if case .attribute(let a, _)? = rest.first { attribute = a }
        let reference = Reference(target: target, attribute: attribute, range: t.range)
        let result = applySteps(value, rest, s, missing: ComputedAttribute(mode: mode, type: type, target: target))
        // A computed attribute has no origin of its own; a configured one keeps where it was set.
        // Built as one value: setting `range` and then `references` boxed the metadata twice.
        var references = [reference]
        for r in result.references where r.target != target || r.attribute != nil {
            if !references.contains(where: { sameReference($0, r) }) { references.append(r) }
        }
        var origin: SourceRange? = nil
        if !result.isUnknown, let from = result.range, from != t.range { origin = from }
        var out = result
        out.range = t.range
        out.setReferences(references, appendingVia: origin)
        return out
    }

    // MARK: Module outputs

    private func moduleReference(_ t: ScopeTraversal, _ s: EvalScope) -> Value {
        let steps = t.steps[...]
        guard case .attribute(let name, _)? = steps.first else { return invalidReference(t, "module needs a name") }
        // By index, and the declaration read only on a cache miss: `moduleCall(name)` copied the
        // whole declaration (a retain per field) for every reference.
        let config = s.module.config
        guard let callIndex = config.declarations.moduleCallIndex[name] else { return invalidReference(t, "reference to undeclared module \(name)") }
        var rest = steps.dropFirst()
        let children = childModules(config.declarations.moduleCalls[callIndex], s.module)
        switch children {
        case .unavailable(let u):
            // Keep an edge to the module output, so a rule can say what the value depends on.
            var output: String? = nil
            if case .attribute(let o, _)? = rest.first { output = o }
            let edge = Reference(target: joined(s.module.addressPrefix, "module.", name), attribute: output, range: t.range)
            return Value(u.kind, range: t.range, references: mergeReferences([edge], u.references))
        case .loaded(let expansion, let instances):
            var value: Value
            switch expansion {
            case .unknown(let u):
                return Value(u.kind, range: t.range, references: u.references)
            case .single:
                guard let only = instances.first?.module else { return .null }
                if case .attribute(let out, _)? = rest.first {
                    value = outputValue(out, only)
                    rest = rest.dropFirst()
                } else {
                    value = allOutputs(only)
                }
            case .instances:
                var selected: ModuleInstance? = nil
                if let first = rest.first, case .index(let e, _) = first {
                    let k = evaluate(e, s)
                    if k.isUnknown { return Value(k.kind, range: t.range, references: k.references) }
                    guard let key = InstanceKey.from(k) else { return invalidReference(t, "invalid module instance key") }
                    guard let found = instances.first(where: { $0.key == key }) else {
                        return invalidReference(t, "module.\(name) has no instance \(key.text)")
                    }
                    selected = found.module
                    rest = rest.dropFirst()
                } else if case .legacyIndex(let i, _)? = rest.first, let found = instances.first(where: { $0.key == .index(i) }) {
                    selected = found.module
                    rest = rest.dropFirst()
                }
                if let sel = selected {
                    if case .attribute(let out, _)? = rest.first {
                        value = outputValue(out, sel)
                        rest = rest.dropFirst()
                    } else {
                        value = allOutputs(sel)
                    }
                } else if config.moduleCalls[callIndex].count != nil {
                    value = .list(instances.map { allOutputs($0.module) })
                } else {
                    value = .object(instances.map { ObjectEntry(stringKey($0.key), allOutputs($0.module)) })
                }
            }
            return flowed(applySteps(value, rest, s), to: t.range)
        }
    }

    private func stringKey(_ key: InstanceKey?) -> String {
        switch key {
        case .key(let s)?: return s
        case .index(let i)?: return String(i)
        case nil: return ""
        }
    }

    // MARK: Steps

    /// What an attribute a resource block does not set means: computed by the provider. A value,
    /// not a closure: an optional closure parameter escapes, so each reference allocated one.
    struct ComputedAttribute {
        var mode: Resource.Mode
        var type: String
        var target: String

        func value(_ attr: String) -> Value {
            if mode == .data {
                if deploymentContextDataSources.contains(type) { return Value.unknown(.deploymentContext, joined(target, ".", attr)) }
                return Value.unknown(.external, joined(target, ".", attr, " is read from the provider"))
            }
            return Value.unknown(.knownAfterApply, joined(target, ".", attr))
        }
    }

    /// Applies attribute and index steps. `missing` decides what an absent attribute of the first
    /// object means (a resource attribute computed by the provider); otherwise an absent attribute
    /// of a value that came from a resource is known after apply, and of anything else an error.
    func applySteps(_ value: consuming Value, _ steps: ArraySlice<TraversalStep>, _ s: EvalScope, missing: ComputedAttribute? = nil) -> Value {
        // Consuming: the value a name or call just produced moves through instead of being copied.
        var current = value
        var first = true
        for step in steps {
            if current.isUnknown { return current }
            switch step {
            case .attribute(let name, let range):
                switch current.kind {
                case .object(let entries):
                    if let v = lastValue(named: name, in: entries) {
                        current = v.addingReferences(current.references)
                    } else if first, let missing {
                        current = missing.value(name).withRange(range).addingReferences(current.references)
                    } else if let ref = current.references.first {
                        current = Value.unknown(.knownAfterApply, joined(ref.target, ".", name), range: range, references: current.references)
                    } else {
                        return Value.unknown(.invalid, "unsupported attribute \"\(name)\"", range: range, references: current.references)
                    }
                case .null:
                    return Value.unknown(.invalid, "attempt to get attribute \"\(name)\" from a null value", range: range)
                case .list(let items) where current.references.first != nil:
                    // `aws_x.y.attr` on a counted resource without an index: Terraform rejects it; keep the edge.
                    _ = items
                    return Value.unknown(.invalid, "attribute \"\(name)\" of a list; add an index", range: range, references: current.references)
                default:
                    return Value.unknown(.invalid, "unsupported attribute \"\(name)\" on a \(current.typeName)", range: range, references: current.references)
                }
            case .index(let e, let range):
                let k = evaluate(e, s)
                if k.isUnknown { return Value(k.kind, range: range, references: mergeReferences(current.references, k.references)) }
                current = index(current, k, range)
            case .legacyIndex(let i, let range):
                current = index(current, .number(Double(i)), range)
            }
            first = false
        }
        return current
    }

    private func index(_ collection: Value, _ key: Value, _ range: SourceRange) -> Value {
        switch collection.kind {
        case .list(let items):
            guard let n = key.terraformNumber, n == n.rounded(), n >= 0 else {
                return Value.unknown(.invalid, "a list index must be a whole number", range: range, references: collection.references)
            }
            guard n < Double(items.count) else {
                return Value.unknown(.invalid, "index \(TerraformNumber.format(n)) out of range for a list of \(items.count)", range: range, references: collection.references)
            }
            return items[Int(n)].addingReferences(collection.references)
        case .object(let entries):
            guard let k = key.terraformString else { return Value.unknown(.invalid, "a map key must be a string", range: range) }
            guard let v = lastValue(named: k, in: entries) else {
                if let ref = collection.references.first {
                    return Value.unknown(.knownAfterApply, "\(ref.target)[\(InstanceKey.quote(k))]", range: range, references: collection.references)
                }
                return Value.unknown(.invalid, "no key \(InstanceKey.quote(k))", range: range)
            }
            return v.addingReferences(collection.references)
        case .null:
            return Value.unknown(.invalid, "cannot index a null value", range: range)
        default:
            return Value.unknown(.invalid, "cannot index a \(collection.typeName)", range: range, references: collection.references)
        }
    }

    /// `value[key]` on an object's entries: the last entry with the key, compared in place. The
    /// subscript searched with a closure and copied each entry it returned (key, value and range).
    @inline(__always)
    private func lastValue(named key: String, in entries: [ObjectEntry]) -> Value? {
        var i = entries.count
        while i > 0 {
            i -= 1
            if sameName(entries[i].key, key) { return entries[i].value }
        }
        return nil
    }
}
