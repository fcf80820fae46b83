// A node table's sequences and mappings as arrays, for the template code that looks at a few of
// them (sections, intrinsic arguments, Globals) rather than walking every node.

import YAML

extension YAMLNodeTable {
    /// A sequence's items as an array; nil when the node is not a sequence.
    func itemList(_ id: NodeID) -> [NodeID]? {
        kind(id) == .sequence ? Array(items(id)) : nil
    }

    /// A mapping's entries as an array; nil when the node is not a mapping.
    func entryList(_ id: NodeID) -> [(key: NodeID, value: NodeID)]? {
        guard isMapping(id) else { return nil }
        return (0..<entryCount(id)).map { entry(id, at: $0) }
    }
}
