// Terraform's override files (`override.tf`, `*_override.tf`): their blocks are merged into the
// matching blocks of the module's other files, argument by argument and nested-block type by type.

import IaCLintCore
import HCL

enum OverrideMerge {
    static func isOverrideFile(_ name: String) -> Bool {
        let stem: Substring
        if name.hasSuffix(".tf.json") { stem = name.dropLast(8) } else if name.hasSuffix(".tf") { stem = name.dropLast(3) } else { return false }
        return stem == "override" || stem.hasSuffix("_override")
    }

    /// The identity by which an override block finds its original.
    static func key(_ block: Block) -> String? {
        switch block.type {
        case "resource", "data": return block.labels.count == 2 ? "\(block.type).\(block.labels[0].value).\(block.labels[1].value)" : nil
        case "variable", "output", "module": return block.labels.count == 1 ? "\(block.type).\(block.labels[0].value)" : nil
        case "provider":
            let alias = block.body.attribute("alias").flatMap { a -> String? in if case .template(let t) = a.expression { return t.literalValue } else { return nil } } ?? ""
            return block.labels.first.map { "provider.\($0.value).\(alias)" }
        default: return nil
        }
    }

    /// Merges `override` into `base` (both top-level bodies).
    static func apply(_ override: Body, to base: Body, diagnostics: inout [Diagnostic]) -> Body {
        var result = base
        var index: [String: Int] = [:]
        for (i, b) in result.blocks.enumerated() { if let k = key(b), index[k] == nil { index[k] = i } }
        for block in override.blocks {
            if block.type == "locals" {
                for attr in block.body.attributes { replaceLocal(attr, in: &result) }
                continue
            }
            if block.type == "terraform" { continue }
            guard let k = key(block), let i = index[k] else {
                diagnostics.append(Diagnostic(severity: .warning, message: "override \(block.type) block has no original to merge into; ignored",
                                              range: block.headerRange))
                continue
            }
            result.blocks[i] = mergeBlock(result.blocks[i], block)
        }
        return result
    }

    private static func replaceLocal(_ attr: Attribute, in body: inout Body) {
        for (bi, block) in body.blocks.enumerated() where block.type == "locals" {
            if let ai = block.body.attributes.firstIndex(where: { $0.name == attr.name }) {
                body.blocks[bi].body.attributes[ai] = attr
                return
            }
        }
    }

    /// Arguments replace arguments of the same name; nested blocks of a type present in the
    /// override replace all original blocks of that type (`dynamic "x"` counts as type `x`).
    static func mergeBlock(_ original: Block, _ override: Block) -> Block {
        var merged = original
        for attr in override.body.attributes {
            if let i = merged.body.attributes.firstIndex(where: { $0.name == attr.name }) {
                merged.body.attributes[i] = attr
            } else {
                merged.body.attributes.append(attr)
            }
        }
        func generatedType(_ b: Block) -> String { b.type == "dynamic" ? (b.labels.first?.value ?? "") : b.type }
        let replacedTypes = Set(override.body.blocks.filter { $0.type != "lifecycle" }.map(generatedType))
        var blocks = merged.body.blocks.filter { !replacedTypes.contains(generatedType($0)) }
        for b in override.body.blocks {
            if b.type == "lifecycle", let i = blocks.firstIndex(where: { $0.type == "lifecycle" }) {
                blocks[i] = mergeBlock(blocks[i], b)
            } else {
                blocks.append(b)
            }
        }
        merged.body.blocks = blocks
        return merged
    }
}
