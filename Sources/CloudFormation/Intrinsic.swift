// Recognises CloudFormation intrinsic functions in both spellings: the YAML short-form tag and the
// one-key long-form mapping.

import YAML

/// An intrinsic function call found in a template node, with its argument node.
struct Intrinsic {
    /// Long-form name: `Ref`, `Condition`, `Fn::GetAtt`, `Fn::Sub`…
    let name: String
    let argument: YAMLNode
    /// The whole expression (tag included, or the one-key mapping).
    let node: YAMLNode

    /// `!X v` becomes `Fn::X` (except `!Ref` and `!Condition`), as cfn-lint's loader maps them.
    /// `{"Ref": v}` and `{"Fn::X": v}` are recognised as written. `{"Condition": v}` only counts
    /// inside condition expressions, where `allowCondition` is true: elsewhere it is a property.
    static func match(_ node: YAMLNode, allowCondition: Bool = false) -> Intrinsic? {
        if let tag = node.tag, tag.utf8.count > 1, tag.utf8.first == UInt8(ascii: "!") {
            let short = tag.dropFirst()
            let name = short == "Ref" || short == "Condition" ? String(short) : "Fn::" + short
            return Intrinsic(name: name, argument: node.with(tag: .some(nil)), node: node)
        }
        guard case .mapping(let entries) = node.kind, entries.count == 1,
              let key = entries[0].key.scalar else { return nil }
        if key == "Ref" || key.hasPrefix("Fn::") || (allowCondition && key == "Condition") {
            return Intrinsic(name: key, argument: entries[0].value, node: node)
        }
        return nil
    }

    /// The `Fn::GetAtt` operands: `A.B.C` splits on the first dot only; a list stays a list.
    var getAttOperands: (resource: YAMLNode, attribute: YAMLNode)? {
        if let text = argument.scalar {
            guard let dot = text.firstIndex(of: ".") else { return nil }
            return (argument.with(kind: .scalar(String(text[..<dot]), style: .plain)),
                    argument.with(kind: .scalar(String(text[text.index(after: dot)...]), style: .plain)))
        }
        if let items = argument.items, items.count == 2 { return (items[0], items[1]) }
        return nil
    }
}
