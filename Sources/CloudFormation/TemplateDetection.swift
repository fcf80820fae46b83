// Tells CloudFormation/SAM templates from other YAML and JSON (Kubernetes, workflows, package.json,
// Terraform plans), cheaply: a byte scan first, then the parsed structure.

import IaCLintCore
import YAML

enum TemplateDetection {
    static let extensions = [".yaml", ".yml", ".json", ".template"]

    static func hasTemplateExtension(_ path: String) -> Bool {
        let name = Path.fileName(path).lowercased()
        return extensions.contains { name.hasSuffix($0) }
    }

    /// Decides mostly from the bytes (the pipeline then parses once, in `load`). JSON: the
    /// top-level keys, found by a string-aware scan, must include `AWSTemplateFormatVersion`, or
    /// `Resources` with an `AWS::`/`Custom::` type. YAML: `AWSTemplateFormatVersion:` or
    /// `Resources:` (with such a type) starting a line is enough; a file that only mentions these
    /// words (an indented document, a template inside a block scalar) is parsed to decide.
    static func looksLikeTemplate(_ bytes: [UInt8]) -> Bool {
        // The byte scan cannot read UTF-16 text: let the parser (which transcodes it) decide.
        if isUTF16(bytes) {
            let parsed = YAMLReader.parseTable(bytes, path: "")
            if let root = parsed.root { return isTemplateRoot(root, in: parsed) }
            return parsed.hasErrors
        }
        let verdict: Bool? = bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { i = 3 }
            while i < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x09 || buffer[i] == 0x0A || buffer[i] == 0x0D { i += 1 }
            if i < buffer.count, buffer[i] == UInt8(ascii: "{") {
                let keys = jsonTopLevelKeys(buffer, from: i)
                return keys.version || (keys.resources && hasResourceType(buffer))
            }
            if hasTopLevelKey(buffer, "AWSTemplateFormatVersion") { return true }
            if hasTopLevelKey(buffer, "Resources") && hasResourceType(buffer) { return true }
            return find(buffer, "AWSTemplateFormatVersion") || (find(buffer, "Resources") && hasResourceType(buffer)) ? nil : false
        }
        if let verdict { return verdict }
        let parsed = YAMLReader.parseTable(bytes, path: "")
        if let root = parsed.root { return isTemplateRoot(root, in: parsed) }
        return parsed.hasErrors
    }

    /// Whether the JSON object starting at `start` has the keys `AWSTemplateFormatVersion` and
    /// `Resources` at its top level (strings and nesting skipped byte by byte).
    private static func jsonTopLevelKeys(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (version: Bool, resources: Bool) {
        var version = false, resources = false
        var depth = 0
        var i = start
        var expectKey = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let begin = i + 1
                var j = begin
                while j < b.count, b[j] != UInt8(ascii: "\"") { j += b[j] == UInt8(ascii: "\\") ? 2 : 1 }
                if depth == 1, expectKey {
                    let length = min(j, b.count) - begin
                    // The version key settles it; stop scanning.
                    if length == 24, equals(b, begin, "AWSTemplateFormatVersion") { return (true, resources) }
                    if length == 9, equals(b, begin, "Resources") { resources = true }
                    expectKey = false
                }
                i = j + 1
                continue
            }
            switch c {
            case UInt8(ascii: "{"): depth += 1; expectKey = depth == 1
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1; if depth <= 0 { return (version, resources) }
            case UInt8(ascii: ","): if depth == 1 { expectKey = true }
            default: break
            }
            i += 1
        }
        return (version, resources)
    }

    private static func equals(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ text: StaticString) -> Bool {
        startsWith(b, at: at, text)
    }

    /// A `Type` key (bare or quoted) whose value starts with `AWS::`, `Custom::` or `Alexa::`.
    private static func hasResourceType(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = buffer.count
        var i = 0
        while i + 4 <= count {
            defer { i += 1 }
            guard buffer[i] == UInt8(ascii: "T"), buffer[i + 1] == UInt8(ascii: "y"), buffer[i + 2] == UInt8(ascii: "p"),
                  buffer[i + 3] == UInt8(ascii: "e") else { continue }
            // The key must start a token: after a space, a quote, `{`, `,` or a line start.
            if i > 0 {
                let before = buffer[i - 1]
                guard before == 0x20 || before == 0x0A || before == 0x09 || before == UInt8(ascii: "\"")
                        || before == UInt8(ascii: "'") || before == UInt8(ascii: "{") || before == UInt8(ascii: ",") else { continue }
            }
            var j = i + 4
            if j < count, buffer[j] == UInt8(ascii: "\"") || buffer[j] == UInt8(ascii: "'") { j += 1 }
            while j < count, buffer[j] == 0x20 || buffer[j] == 0x09 { j += 1 }
            guard j < count, buffer[j] == UInt8(ascii: ":") else { continue }
            j += 1
            while j < count, buffer[j] == 0x20 || buffer[j] == 0x09 { j += 1 }
            if j < count, buffer[j] == UInt8(ascii: "\"") || buffer[j] == UInt8(ascii: "'") { j += 1 }
            if startsWith(buffer, at: j, "AWS::") || startsWith(buffer, at: j, "Custom::") || startsWith(buffer, at: j, "Alexa::") {
                return true
            }
        }
        return false
    }

    private static func startsWith(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard start + n <= buffer.count else { return false }
        let p = UnsafeBufferPointer(start: prefix.utf8Start, count: n)
        for k in 0..<n where buffer[start + k] != p[k] { return false }
        return true
    }

    /// A line that starts with `key` (bare or quoted) followed by optional spaces and `:`.
    private static func hasTopLevelKey(_ buffer: UnsafeBufferPointer<UInt8>, _ key: StaticString) -> Bool {
        let k = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        var lineStart = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { lineStart = 3 }
        while lineStart < buffer.count {
            var i = lineStart
            var quote: UInt8 = 0
            if buffer[i] == UInt8(ascii: "\"") || buffer[i] == UInt8(ascii: "'") { quote = buffer[i]; i += 1 }
            var j = 0
            while j < k.count, i < buffer.count, buffer[i] == k[j] { i += 1; j += 1 }
            if j == k.count {
                if quote != 0, i < buffer.count, buffer[i] == quote { i += 1 }
                while i < buffer.count, buffer[i] == 0x20 { i += 1 }
                if i < buffer.count, buffer[i] == UInt8(ascii: ":") { return true }
            }
            // Next line.
            while lineStart < buffer.count, buffer[lineStart] != 0x0A { lineStart += 1 }
            lineStart += 1
        }
        return false
    }

    /// Substring search; with `unescapedQuote`, a match whose opening quote is escaped (`\"`) is
    /// text inside a JSON string, not a key or value of this document.
    private static func find(_ hay: UnsafeBufferPointer<UInt8>, _ needle: StaticString, unescapedQuote: Bool = false) -> Bool {
        let n = needle.utf8CodeUnitCount
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: n)
        guard n > 0, hay.count >= n else { return false }
        let first = pattern[0]
        var i = 0
        let last = hay.count - n
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < n, hay[i + j] == pattern[j] { j += 1 }
                if j == n, !(unescapedQuote && i > 0 && hay[i - 1] == UInt8(ascii: "\\")) { return true }
            }
            i += 1
        }
        return false
    }

    /// A parsed root is a template when it has `AWSTemplateFormatVersion`, or a `Resources` map with
    /// an entry whose `Type` is `AWS::…`, `Custom::…` or `Alexa::…`.
    static func isTemplateRoot(_ root: YAMLNodeTable.NodeID, in table: YAMLNodeTable) -> Bool {
        guard table.isMapping(root) else { return false }
        if table.value(root, "AWSTemplateFormatVersion") != nil { return true }
        guard let resources = table.value(root, "Resources") else { return false }
        for index in 0..<table.entryCount(resources) {
            guard let typeNode = table.value(table.entry(resources, at: index).value, "Type"),
                  let type = table.scalar(typeNode) else { continue }
            if type.hasPrefix("AWS::") || type.hasPrefix("Custom::") || type.hasPrefix("Alexa::") { return true }
        }
        return false
    }

    /// A UTF-16 byte order mark (the YAML reader transcodes UTF-16 with a BOM).
    static func isUTF16(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    }
}
