// Recognises CloudFormation intrinsic functions in both spellings: the YAML short-form tag and the
// one-key long-form mapping.

import YAML

/// An intrinsic function call found in a template node, with its argument node.
struct Intrinsic {
    typealias NodeID = YAMLNodeTable.NodeID

    /// Long-form name: `Ref`, `Condition`, `Fn::GetAtt`, `Fn::Sub`…
    let name: String
    let argument: NodeID
    /// The whole expression (tag included, or the one-key mapping).
    let node: NodeID

    /// Whether `node` is a call, without building the argument: what checks that only ask use.
    static func isCall(_ node: NodeID, in table: YAMLNodeTable, allowCondition: Bool = false) -> Bool {
        if table.hasTag(node), let tag = table.tag(node), tag.utf8.count > 1, tag.utf8.first == UInt8(ascii: "!") { return true }
        guard table.entryCount(node) == 1 else { return false }
        let key = table.entry(node, at: 0).key
        return table.scalar(key, is: "Ref") || isLongFormName(key, in: table) || (allowCondition && table.scalar(key, is: "Condition"))
    }

    /// `!X v` becomes `Fn::X` (except `!Ref` and `!Condition`), as cfn-lint's loader maps them.
    /// `{"Ref": v}` and `{"Fn::X": v}` are recognised as written. `{"Condition": v}` only counts
    /// inside condition expressions, where `allowCondition` is true: elsewhere it is a property.
    /// A short form's argument is the node without its tag, added to the table.
    static func match(_ node: NodeID, in table: inout YAMLNodeTable, allowCondition: Bool = false) -> Intrinsic? {
        if table.hasTag(node), let tag = table.tag(node), let name = longFormName(ofTag: tag) {
            return Intrinsic(name: name, argument: table.retagged(node, tag: YAMLNodeTable.noTag), node: node)
        }
        guard table.entryCount(node) == 1 else { return nil }
        let entry = table.entry(node, at: 0)
        if table.scalar(entry.key, is: "Ref") || isLongFormName(entry.key, in: table)
            || (allowCondition && table.scalar(entry.key, is: "Condition")) {
            return Intrinsic(name: table.scalar(entry.key) ?? "", argument: entry.value, node: node)
        }
        return nil
    }

    /// The long-form name a short-form tag stands for (`!Sub` -> `Fn::Sub`), nil when the tag is
    /// not one (`!`, `tag:yaml.org,2002:str`).
    static func longFormName(ofTag tag: String) -> String? {
        guard tag.utf8.count > 1, tag.utf8.first == UInt8(ascii: "!") else { return nil }
        let short = tag.dropFirst()
        return short == "Ref" || short == "Condition" ? String(short) : "Fn::" + short
    }

    /// A scalar key starting with `Fn::`.
    private static func isLongFormName(_ key: NodeID, in table: YAMLNodeTable) -> Bool {
        table.withScalarBytes(key) { bytes in
            guard let bytes, bytes.count >= 4 else { return false }
            return bytes[0] == UInt8(ascii: "F") && bytes[1] == UInt8(ascii: "n") && bytes[2] == UInt8(ascii: ":")
                && bytes[3] == UInt8(ascii: ":")
        }
    }

    /// The `Fn::GetAtt` operands: `A.B.C` splits on the first dot only (both parts keep the
    /// argument's range and tag); a list stays a list.
    func getAttOperands(in table: inout YAMLNodeTable) -> (resource: NodeID, attribute: NodeID)? {
        let argument = self.argument
        if table.isScalar(argument) {
            let dot: Int? = table.withScalarBytes(argument) { $0?.firstIndex(of: UInt8(ascii: ".")) }
            guard let dot else { return nil }
            let node = table[argument]
            let length = Int(node.count)
            let resource = table.appendScalarSlice(of: argument, from: 0, to: dot, style: .plain, tag: node.tag, range: node.range)
            let attribute = table.appendScalarSlice(of: argument, from: dot + 1, to: length, style: .plain, tag: node.tag, range: node.range)
            return (resource, attribute)
        }
        if let items = table.itemList(argument), items.count == 2 { return (items[0], items[1]) }
        return nil
    }
}
