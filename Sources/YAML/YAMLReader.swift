// Reads YAML through libyaml's event API into a flat node table, with aliases expanded under a node
// budget, nesting capped, and duplicate keys reported with both locations.

import CYAML
import IaCLintCore

public enum YAMLReader {
    /// Parses every document in `bytes`. Never traps on input: syntax errors, alias bombs, undefined
    /// aliases and excessive nesting become error diagnostics, and the documents completed before
    /// the error are still returned.
    public static func parse(_ bytes: [UInt8], path: String, limits: YAMLLimits = .default) -> YAMLDocumentResult {
        let table = parseTable(bytes, path: path, limits: limits)
        return YAMLDocumentResult(documents: table.trees(), diagnostics: table.diagnostics)
    }

    /// The same parse as a flat node table: what front ends that walk whole files use (no object
    /// per node; see `YAMLNodeTable`).
    public static func parseTable(_ bytes: [UInt8], path: String, limits: YAMLLimits = .default) -> YAMLNodeTable {
        parseTable(bytes, path: path, limits: limits, skippingReader: true)
    }

    /// `skippingReader: false` sends every file through libyaml's reader: tests compare the two.
    static func parseTable(_ bytes: [UInt8], path: String, limits: YAMLLimits, skippingReader: Bool) -> YAMLNodeTable {
        if bytes.isEmpty { return YAMLNodeTable() }
        // YAML allows UTF-16 with a BOM; positions are reported in the UTF-8 transcoding (as for JSON).
        if let utf8 = transcodedUTF16(bytes) { return parseTable(utf8, path: path, limits: limits, skippingReader: skippingReader) }
        return bytes.withUnsafeBufferPointer { buffer in
            var builder = TableBuilder(path: path, bytes: buffer, limits: limits, skippingReader: skippingReader)
            return builder.run()
        }
    }
}

/// UTF-8 for a UTF-16 text with a byte order mark (unpaired surrogates become U+FFFD); nil otherwise.
private func transcodedUTF16(_ bytes: [UInt8]) -> [UInt8]? {
    guard bytes.count >= 2 else { return nil }
    let littleEndian: Bool
    if bytes[0] == 0xFF && bytes[1] == 0xFE { littleEndian = true }
    else if bytes[0] == 0xFE && bytes[1] == 0xFF { littleEndian = false }
    else { return nil }
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var i = 2
    while i + 1 < bytes.count {
        let (low, high) = littleEndian ? (bytes[i], bytes[i + 1]) : (bytes[i + 1], bytes[i])
        units.append(UInt16(high) << 8 | UInt16(low))
        i += 2
    }
    return Array(String(decoding: units, as: UTF16.self).utf8)
}

/// One open sequence or mapping while its events arrive.
private struct OpenCollection {
    var isMapping: Bool
    var isFlow: Bool
    var tag: Int32
    var anchor: String?
    var start: SourcePosition
    /// Nodes counted before this collection started, to know its expanded size for anchors.
    var nodesBefore: Int
    /// Where this collection's children start in the builder's scratch stack: children gather
    /// there and are copied once into the table's child array when the collection ends. A
    /// mapping's keys and values alternate there, as in the table.
    var childrenStart: Int
    var hasMergeKey = false
    /// End of the last child, where a block collection ends.
    var lastEnd: SourcePosition?
}

private struct TableBuilder {
    let fileID: SourceFileID
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: YAMLLimits
    var marks: MarkConverter
    var table = YAMLNodeTable()
    var stack: [OpenCollection] = []
    var scratch: [YAMLNodeTable.NodeID] = []
    /// Anchored nodes of the current document with their expanded sizes.
    var anchors: [String: (node: YAMLNodeTable.NodeID, size: Int)] = [:]
    var nodeCount = 0
    /// Whether an alias was expanded, so the size error can say why the file is so large.
    var expandedAlias = false
    /// The bytes of each tag in `table.tags`, to match libyaml's C strings without making a `String`.
    var tagBytes: [[UInt8]] = []
    /// Whether a printable-ASCII file may skip libyaml's reader (`DecodedInput`).
    let skippingReader: Bool
    /// Only printable ASCII, tabs and line breaks: what can skip the reader.
    let printableASCII: Bool

    init(path: String, bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits, skippingReader: Bool) {
        self.fileID = SourceFileID(path)
        self.skippingReader = skippingReader
        self.bytes = bytes
        self.limits = limits
        printableASCII = DecodedInput.isPrintableASCII(bytes)
        marks = MarkConverter(file: fileID, bytes: bytes, knownASCII: printableASCII)
        // Scalar text never outgrows the file (aliases share, escapes shrink): one allocation.
        table.reserveCapacity(textBytes: bytes.count)
        // Templates nest a dozen levels or so: growing from empty reallocated 4-5 times per file.
        stack.reserveCapacity(32)
        scratch.reserveCapacity(256)
    }

    /// libyaml allocates from a per-parse arena meanwhile (see `LibyamlArena`): the parser is
    /// created and deleted inside, and every event deleted before the next, so nothing outlives it.
    mutating func run() -> YAMLNodeTable {
        LibyamlArena.run { parseEvents() }
    }

    private mutating func parseEvents() -> YAMLNodeTable {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            table.diagnostics.append(.error("cannot initialise the YAML parser (out of memory)", at: nil))
            return table
        }
        guard let base = bytes.baseAddress else {
            yaml_parser_delete(&parser)
            return table
        }
        yaml_parser_set_input_string(&parser, base, bytes.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        // Printable-ASCII files skip libyaml's character decoder (see `DecodedInput`).
        var decoded = DecodedInput(installingInto: &parser, bytes: bytes, printableASCII: skippingReader && printableASCII)
        defer {
            decoded.restore(&parser)
            yaml_parser_delete(&parser)
        }

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                reportParserError(parser)
                break
            }
            let type = event.type
            let keepGoing = handle(&event)
            yaml_event_delete(&event)
            if !keepGoing || type == YAML_STREAM_END_EVENT { break }
        }
        return table
    }

    /// Returns false to stop parsing after an error.
    private mutating func handle(_ event: inout yaml_event_t) -> Bool {
        // The table indexes with 32-bit offsets; stop long before they could overflow (files are
        // capped far lower, this guards direct callers).
        guard table.text.count < Int(Int32.max / 2), table.children.count < Int(Int32.max / 2),
              table.nodes.count < Int(Int32.max / 2),
              event.type != YAML_SCALAR_EVENT || event.data.scalar.length < Int(Int32.max / 2) else {
            return reportNodeBudget(at: SourceRange(fileID: fileID, at: position(event.start_mark)))
        }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            return true
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = UnsafeBufferPointer(start: scalar.value, count: scalar.value == nil ? 0 : scalar.length)
            let style: YAMLNode.ScalarStyle
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .quoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let start = position(event.start_mark)
            var end = position(event.end_mark)
            // libyaml ends a block scalar at the next token's line; end it after its last text.
            if style == .literal || style == .folded { end = marks.trimmingTrailingSpace(start, end, bytes: bytes) }
            nodeCount += 1
            if nodeCount > limits.maxNodes { return reportNodeBudget(at: SourceRange(fileID: fileID, start: start, end: end)) }
            let tag = internTag(scalar.tag)
            // Decided here from the bytes, so keys need not be matched against "<<" later.
            let isMergeKey = tag == YAMLNodeTable.noTag && style == .plain && value.count == 2
                && value[0] == UInt8(ascii: "<") && value[1] == UInt8(ascii: "<")
            let node = table.appendScalar(value, style: style, tag: tag, range: SourceRange(fileID: fileID, start: start, end: end))
            return complete(node, end: end, anchor: cString(scalar.anchor), size: 1, isMergeKey: isMergeKey)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let start = position(event.start_mark)
            guard stack.count < limits.maxDepth else {
                table.diagnostics.append(.error("YAML nesting is deeper than \(limits.maxDepth) levels",
                                                at: SourceRange(fileID: fileID, at: start),
                                                detail: "iaclint stops here to bound memory and time; flatten the document."))
                return false
            }
            nodeCount += 1
            let tag: Int32, anchor: String?, isFlow: Bool
            if isMapping {
                let m = event.data.mapping_start
                tag = internTag(m.tag); anchor = cString(m.anchor); isFlow = m.style == YAML_FLOW_MAPPING_STYLE
            } else {
                let s = event.data.sequence_start
                tag = internTag(s.tag); anchor = cString(s.anchor); isFlow = s.style == YAML_FLOW_SEQUENCE_STYLE
            }
            stack.append(OpenCollection(isMapping: isMapping, isFlow: isFlow, tag: tag, anchor: anchor,
                                        start: start, nodesBefore: nodeCount - 1,
                                        childrenStart: scratch.count))
            return true
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let open = stack.popLast() else { return true }
            // A block collection's end mark sits at the next token; end it at its last child instead.
            let end: SourcePosition
            if open.isFlow { end = position(event.end_mark) } else { end = open.lastEnd ?? open.start }
            let range = SourceRange(fileID: fileID, start: open.start, end: end)
            let node: YAMLNodeTable.NodeID
            if open.isMapping {
                // An unpaired last key (a mapping cut short) is dropped.
                let pairedEnd = open.childrenStart + (scratch.count - open.childrenStart) / 2 * 2
                reportDuplicates(open.childrenStart..<pairedEnd)
                if open.hasMergeKey {
                    node = table.appendCollection(.mapping, children: expandMerges(scratch[open.childrenStart..<pairedEnd]),
                                                  tag: open.tag, range: range)
                } else {
                    // Copied from the scratch stack without a slice (whose retain and release are atomic).
                    node = table.appendCollection(.mapping, from: scratch, open.childrenStart..<pairedEnd, tag: open.tag, range: range)
                }
            } else {
                node = table.appendCollection(.sequence, from: scratch, open.childrenStart..<scratch.count, tag: open.tag, range: range)
            }
            scratch.removeLast(scratch.count - open.childrenStart)
            return complete(node, end: end, anchor: open.anchor, size: nodeCount - open.nodesBefore)
        case YAML_ALIAS_EVENT:
            let name = cString(event.data.alias.anchor) ?? ""
            let range = self.range(event.start_mark, event.end_mark)
            guard let target = anchors[name] else {
                table.diagnostics.append(.error("alias *\(name) refers to no anchor defined before it", at: range))
                return false
            }
            nodeCount += target.size
            expandedAlias = true
            if nodeCount > limits.maxNodes { return reportNodeBudget(at: range) }
            let isMergeKey = !table.hasTag(target.node) && table[target.node].style == .plain && table.scalar(target.node, is: "<<")
            return complete(target.node, end: table.range(target.node).end, anchor: nil, size: target.size, isMergeKey: isMergeKey)
        default:
            return true
        }
    }

    /// `end` is the node's range end, passed in so the node's range need not be read again.
    /// `isMergeKey` is true only for a plain untagged `<<` scalar.
    private mutating func complete(_ node: YAMLNodeTable.NodeID, end: SourcePosition, anchor: String?, size: Int,
                                   isMergeKey: Bool = false) -> Bool {
        if let anchor { anchors[anchor] = (node, size) }
        guard !stack.isEmpty else {
            table.documents.append(node)
            return true
        }
        let top = stack.count - 1
        stack[top].lastEnd = end
        // In a mapping, an even number of children gathered so far means this node is a key.
        if isMergeKey, stack[top].isMapping, (scratch.count - stack[top].childrenStart) & 1 == 0 {
            stack[top].hasMergeKey = true
        }
        scratch.append(node)
        return true
    }

    /// Reports the exceeded node budget; returns false to stop parsing.
    private mutating func reportNodeBudget(at range: SourceRange) -> Bool {
        table.diagnostics.append(.error("YAML expands to more than \(limits.maxNodes) nodes",
                                        at: range,
                                        detail: expandedAlias
                                            ? "Aliases multiply nodes (an \"alias bomb\"); iaclint stops reading the file here."
                                            : "The file is too large to check; iaclint stops reading it here."))
        return false
    }

    /// Keys that are scalars, compared as bytes; `<<` (merge keys) never counts as a duplicate.
    /// Keys and values `bounds` of the scratch stack. The search reads the stack as a borrowed
    /// argument of a static function: a slice, or indexing it between mutating calls, retained and
    /// released it (atomically) per mapping or per key.
    private mutating func reportDuplicates(_ bounds: Range<Int>) {
        guard bounds.count >= 4 else { return }
        for (key, first) in TableBuilder.duplicateKeys(in: scratch, bounds, table: table) {
            reportDuplicate(key, first: first)
        }
    }

    /// Each scalar key that repeats an earlier one in the mapping, with that earlier key; `<<`
    /// (merge keys) never counts. Lengths are compared first, which settles most pairs.
    private static func duplicateKeys(in entries: borrowing [YAMLNodeTable.NodeID], _ bounds: Range<Int>,
                                      table: borrowing YAMLNodeTable) -> [(key: YAMLNodeTable.NodeID, first: YAMLNodeTable.NodeID)] {
        let pairs = bounds.count / 2
        let base = bounds.lowerBound
        var found: [(key: YAMLNodeTable.NodeID, first: YAMLNodeTable.NodeID)] = []
        if pairs <= 12 {
            for j in 1..<pairs {
                let key = entries[base + 2 * j]
                guard table.isScalar(key), !table.scalar(key, is: "<<") else { continue }
                for k in 0..<j where sameScalar(entries[base + 2 * k], key, in: table) {
                    found.append((key, entries[base + 2 * k]))
                    break
                }
            }
            return found
        }
        var seen: [String: YAMLNodeTable.NodeID] = [:]
        seen.reserveCapacity(pairs)
        for j in 0..<pairs {
            let key = entries[base + 2 * j]
            guard let name = table.scalar(key), name != "<<" else { continue }
            if let first = seen[name] {
                found.append((key, first))
            } else {
                seen[name] = key
            }
        }
        return found
    }

    /// Both scalars with the same text; lengths are compared first, which settles most pairs.
    private static func sameScalar(_ a: YAMLNodeTable.NodeID, _ b: YAMLNodeTable.NodeID, in table: borrowing YAMLNodeTable) -> Bool {
        let x = table[a], y = table[b]
        guard x.kind == .scalar, y.kind == .scalar, x.count == y.count else { return false }
        return table.text.withUnsafeBufferPointer { text in
            let n = Int(x.count)
            let p = Int(x.first), q = Int(y.first)
            for i in 0..<n where text[p + i] != text[q + i] { return false }
            return true
        }
    }

    private mutating func reportDuplicate(_ key: YAMLNodeTable.NodeID, first: YAMLNodeTable.NodeID) {
        let name = table.scalar(key) ?? ""
        table.diagnostics.append(.error("duplicate key \"\(name)\" in a mapping", at: table.range(key),
                                        detail: "CloudFormation rejects templates with duplicate keys; remove or rename one of them.",
                                        related: [RelatedLocation("first defined here", at: table.range(first))]))
    }

    /// YAML 1.1 merge keys: the mapping's own keys win over merged ones, earlier merged maps over later.
    private func expandMerges(_ entries: ArraySlice<YAMLNodeTable.NodeID>) -> [YAMLNodeTable.NodeID] {
        func isMergeKey(_ key: YAMLNodeTable.NodeID) -> Bool {
            !table.hasTag(key) && table[key].style == .plain && table.scalar(key, is: "<<")
        }
        var present = Set<String>()
        var i = entries.startIndex
        while i + 1 < entries.endIndex {
            if let name = table.scalar(entries[i]), !(!table.hasTag(entries[i]) && name == "<<") { present.insert(name) }
            i += 2
        }
        var out: [YAMLNodeTable.NodeID] = []
        i = entries.startIndex
        while i + 1 < entries.endIndex {
            let key = entries[i], value = entries[i + 1]
            i += 2
            guard isMergeKey(key) else { out.append(key); out.append(value); continue }
            let sources: [YAMLNodeTable.NodeID] = table.kind(value) == .sequence ? Array(table.items(value)) : [value]
            for source in sources {
                for m in 0..<table.entryCount(source) {
                    let merged = table.entry(source, at: m)
                    guard let name = table.scalar(merged.key), !present.contains(name) else { continue }
                    present.insert(name)
                    out.append(merged.key)
                    out.append(merged.value)
                }
            }
        }
        return out
    }

    private mutating func reportParserError(_ parser: yaml_parser_t) {
        let problem = cString(parser.problem) ?? "unknown error"
        let at = position(parser.problem_mark)
        var detail: String? = nil
        if at.offset < bytes.count, bytes[at.offset] == 0x09 {
            detail = "YAML does not allow tab characters for indentation; use spaces."
        }
        var related: [RelatedLocation] = []
        if let context = cString(parser.context) {
            related.append(RelatedLocation(context, at: SourceRange(fileID: fileID, at: position(parser.context_mark))))
        }
        table.diagnostics.append(Diagnostic(severity: .error, message: "YAML syntax error: \(problem)", detail: detail,
                                            range: SourceRange(fileID: fileID, at: at), related: related))
    }

    private mutating func position(_ mark: yaml_mark_t) -> SourcePosition {
        marks.position(line: Int(mark.line), column: Int(mark.column), index: Int(mark.index), bytes: bytes)
    }

    private mutating func range(_ start: yaml_mark_t, _ end: yaml_mark_t) -> SourceRange {
        let s = position(start)
        let e = position(end)
        return SourceRange(fileID: fileID, start: s, end: e)
    }

    /// Most nodes have no tag: that answer is inlined into the event handler, without a call.
    @inline(__always)
    private mutating func internTag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> Int32 {
        guard let pointer else { return YAMLNodeTable.noTag }
        return internTag(present: pointer)
    }

    /// A document uses a handful of tags: a scan of their bytes beats hashing or making a `String`.
    private mutating func internTag(present pointer: UnsafeMutablePointer<yaml_char_t>) -> Int32 {
        var length = 0
        while pointer[length] != 0 { length += 1 }
        let tag = UnsafeBufferPointer(start: pointer, count: length)
        for (index, known) in tagBytes.enumerated() where known.count == length {
            if known.withUnsafeBufferPointer({ $0.elementsEqual(tag) }) { return Int32(index) }
        }
        tagBytes.append(Array(tag))
        return table.internTag(tag)
    }

    private func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private func cString(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
