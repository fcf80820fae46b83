// Reads YAML through libyaml's event API into a positioned node tree, with aliases expanded under a
// node budget, nesting capped, and duplicate keys reported with both locations.

import CYAML
import IaCLintCore

public enum YAMLReader {
    /// Parses every document in `bytes`. Never traps on input: syntax errors, alias bombs, undefined
    /// aliases and excessive nesting become error diagnostics, and the documents completed before
    /// the error are still returned.
    public static func parse(_ bytes: [UInt8], path: String, limits: YAMLLimits = .default) -> YAMLDocumentResult {
        if bytes.isEmpty { return YAMLDocumentResult(documents: [], diagnostics: []) }
        // YAML allows UTF-16 with a BOM; positions are reported in the UTF-8 transcoding (as for JSON).
        if let utf8 = transcodedUTF16(bytes) { return parse(utf8, path: path, limits: limits) }
        return bytes.withUnsafeBufferPointer { buffer in
            var builder = TreeBuilder(path: path, bytes: buffer, limits: limits)
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
    var tag: String?
    var anchor: String?
    var start: SourcePosition
    /// Nodes counted before this collection started, to know its expanded size for anchors.
    var nodesBefore: Int
    /// Where this collection's children start in the builder's shared scratch stack: children
    /// are gathered there and moved out once, at the exact size, instead of growing an array
    /// per collection (most mappings have a handful of entries, and each growth step allocates).
    /// A mapping's keys and values alternate there, so a key needs no slot of its own.
    var childrenStart: Int
    var hasMergeKey = false
    /// End of the last child, where a block collection ends.
    var lastEnd: SourcePosition?
}

private struct TreeBuilder {
    let path: String
    let fileID: SourceFileID
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: YAMLLimits
    var marks: MarkConverter
    var stack: [OpenCollection] = []
    var documents: [YAMLNode] = []
    var diagnostics: [Diagnostic] = []
    /// Anchored nodes of the current document with their expanded sizes.
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var nodeCount = 0
    let scratch = ScratchStack<YAMLNode>()
    /// Whether an alias was expanded, so the size error can say why the file is so large.
    var expandedAlias = false

    init(path: String, bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) {
        self.path = path
        self.fileID = SourceFileID(path)
        self.bytes = bytes
        self.limits = limits
        marks = MarkConverter(file: fileID, bytes: bytes)
        // Templates nest a dozen levels or so: growing from empty reallocated 4-5 times per file.
        stack.reserveCapacity(32)
    }

    mutating func run() -> YAMLDocumentResult {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            return YAMLDocumentResult(documents: [], diagnostics: [.error("cannot initialise the YAML parser (out of memory)", at: nil)])
        }
        defer { yaml_parser_delete(&parser) }
        guard let base = bytes.baseAddress else { return YAMLDocumentResult(documents: [], diagnostics: []) }
        yaml_parser_set_input_string(&parser, base, bytes.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

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
        return YAMLDocumentResult(documents: documents, diagnostics: diagnostics)
    }

    /// Returns false to stop parsing after an error.
    private mutating func handle(_ event: inout yaml_event_t) -> Bool {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            return true
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text: String
            if let value = scalar.value, scalar.length > 0 {
                text = makeString(UnsafeBufferPointer(start: value, count: scalar.length))
            } else {
                text = ""
            }
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
            let tag = cString(scalar.tag)
            // Decided here from the bytes, so keys need not be matched against "<<" later.
            let isMergeKey = tag == nil && style == .plain && scalar.length == 2
                && scalar.value?[0] == UInt8(ascii: "<") && scalar.value?[1] == UInt8(ascii: "<")
            let node = YAMLNode(kind: .scalar(text, style: style), tag: tag, range: SourceRange(fileID: fileID, start: start, end: end))
            return complete(node, end: end, anchor: cString(scalar.anchor), size: 1, isMergeKey: isMergeKey)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let start = position(event.start_mark)
            guard stack.count < limits.maxDepth else {
                diagnostics.append(.error("YAML nesting is deeper than \(limits.maxDepth) levels",
                                          at: SourceRange(fileID: fileID, at: start),
                                          detail: "iaclint stops here to bound memory and time; flatten the document."))
                return false
            }
            nodeCount += 1
            let tag: String?, anchor: String?, isFlow: Bool
            if isMapping {
                let m = event.data.mapping_start
                tag = cString(m.tag); anchor = cString(m.anchor); isFlow = m.style == YAML_FLOW_MAPPING_STYLE
            } else {
                let s = event.data.sequence_start
                tag = cString(s.tag); anchor = cString(s.anchor); isFlow = s.style == YAML_FLOW_SEQUENCE_STYLE
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
            let kind: YAMLNode.Kind
            if open.isMapping {
                let entries = scratch.popPairs(from: open.childrenStart)
                reportDuplicates(entries)
                kind = .mapping(open.hasMergeKey ? expandMerges(entries) : entries)
            } else {
                let items = scratch.popAll(from: open.childrenStart)
                kind = .sequence(items)
            }
            return complete(YAMLNode(kind: kind, tag: open.tag, range: range), end: end, anchor: open.anchor,
                            size: nodeCount - open.nodesBefore)
        case YAML_ALIAS_EVENT:
            let name = cString(event.data.alias.anchor) ?? ""
            let range = self.range(event.start_mark, event.end_mark)
            guard let target = anchors[name] else {
                diagnostics.append(.error("alias *\(name) refers to no anchor defined before it", at: range))
                return false
            }
            nodeCount += target.size
            expandedAlias = true
            if nodeCount > limits.maxNodes { return reportNodeBudget(at: range) }
            var isMergeKey = false
            if target.node.tag == nil, case .scalar("<<", .plain) = target.node.kind { isMergeKey = true }
            return complete(target.node, end: target.node.range.end, anchor: nil, size: target.size, isMergeKey: isMergeKey)
        default:
            return true
        }
    }

    /// `end` is the node's range end, passed in so the node's range need not be copied out again.
    /// `isMergeKey` is true only for a plain untagged `<<` scalar.
    private mutating func complete(_ node: YAMLNode, end: SourcePosition, anchor: String?, size: Int,
                                   isMergeKey: Bool = false) -> Bool {
        if let anchor { anchors[anchor] = (node, size) }
        guard !stack.isEmpty else {
            documents.append(node)
            return true
        }
        let top = stack.count - 1
        stack[top].lastEnd = end
        // In a mapping, an even number of children gathered so far means this node is a key.
        if isMergeKey, stack[top].isMapping, (scratch.count - stack[top].childrenStart) & 1 == 0 {
            stack[top].hasMergeKey = true
        }
        scratch.push(node)
        return true
    }

    /// Reports the exceeded node budget; returns false to stop parsing.
    private mutating func reportNodeBudget(at range: SourceRange) -> Bool {
        diagnostics.append(.error("YAML expands to more than \(limits.maxNodes) nodes",
                                  at: range,
                                  detail: expandedAlias
                                      ? "Aliases multiply nodes (an \"alias bomb\"); iaclint stops reading the file here."
                                      : "The file is too large to check; iaclint stops reading it here."))
        return false
    }

    private mutating func reportDuplicates(_ entries: [(key: YAMLNode, value: YAMLNode)]) {
        if entries.count <= 12 {
            for j in 1..<max(1, entries.count) {
                guard let name = entries[j].key.scalar, name != "<<" else { continue }
                // Comparing UTF-8 lengths first skips the string comparison for most key pairs.
                let length = name.utf8.count
                for k in 0..<j {
                    guard let other = entries[k].key.scalar, other.utf8.count == length, other == name else { continue }
                    reportDuplicate(name, first: entries[k].key.range, again: entries[j].key.range)
                    break
                }
            }
            return
        }
        var seen: [String: SourceRange] = [:]
        seen.reserveCapacity(entries.count)
        for entry in entries {
            guard let name = entry.key.scalar, name != "<<" else { continue }
            if let first = seen[name] {
                reportDuplicate(name, first: first, again: entry.key.range)
            } else {
                seen[name] = entry.key.range
            }
        }
    }

    private mutating func reportDuplicate(_ name: String, first: SourceRange, again: SourceRange) {
        diagnostics.append(.error("duplicate key \"\(name)\" in a mapping", at: again,
                                  detail: "CloudFormation rejects templates with duplicate keys; remove or rename one of them.",
                                  related: [RelatedLocation("first defined here", at: first)]))
    }

    /// YAML 1.1 merge keys: the mapping's own keys win over merged ones, earlier merged maps over later.
    private func expandMerges(_ entries: [(key: YAMLNode, value: YAMLNode)]) -> [(key: YAMLNode, value: YAMLNode)] {
        var present = Set<String>()
        for e in entries {
            if let name = e.key.scalar, !(e.key.tag == nil && name == "<<") { present.insert(name) }
        }
        var out: [(key: YAMLNode, value: YAMLNode)] = []
        for e in entries {
            guard e.key.tag == nil, case .scalar("<<", .plain) = e.key.kind else { out.append(e); continue }
            let sources = e.value.items ?? [e.value]
            for source in sources {
                for merged in source.entries ?? [] {
                    guard let name = merged.key.scalar, !present.contains(name) else { continue }
                    present.insert(name)
                    out.append(merged)
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
        diagnostics.append(Diagnostic(severity: .error, message: "YAML syntax error: \(problem)", detail: detail,
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

    /// The scalar's text. libyaml has validated the UTF-8, but `String` validates again; copying
    /// into an uninitialized string is the cheapest public way (small strings stay inline).
    @inline(__always)
    private func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            guard let destination = buffer.baseAddress, let source = bytes.baseAddress else { return 0 }
            destination.initialize(from: source, count: bytes.count)
            return bytes.count
        }
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
