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

    /// Bytes that every template contains; most other files fail here without being parsed.
    static func mayBeTemplate(_ bytes: [UInt8]) -> Bool {
        if isUTF16(bytes) { return true }  // the byte search cannot see UTF-16 text: let the parser decide
        if contains(bytes, "AWSTemplateFormatVersion") { return true }
        return contains(bytes, "Resources") && (contains(bytes, "AWS::") || contains(bytes, "Custom::"))
    }

    /// A parsed root is a template when it has `AWSTemplateFormatVersion`, or a `Resources` map with
    /// an entry whose `Type` is `AWS::…`, `Custom::…` or `Alexa::…`.
    static func isTemplateRoot(_ root: YAMLNode) -> Bool {
        guard root.isMapping else { return false }
        if root["AWSTemplateFormatVersion"] != nil { return true }
        guard let resources = root["Resources"]?.entries else { return false }
        for entry in resources {
            guard let type = entry.value["Type"]?.scalar else { continue }
            if type.hasPrefix("AWS::") || type.hasPrefix("Custom::") || type.hasPrefix("Alexa::") { return true }
        }
        return false
    }

    /// For a file that does not parse: does it still look like a broken template (so the syntax error
    /// is reported) rather than some other broken file (skipped)?
    static func looksLikeBrokenTemplate(_ bytes: [UInt8]) -> Bool {
        if isUTF16(bytes) { return true }
        return contains(bytes, "AWSTemplateFormatVersion") || (contains(bytes, "Resources") && contains(bytes, "Type"))
    }

    /// A UTF-16 byte order mark (libyaml reads UTF-16 with a BOM).
    static func isUTF16(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    }

    /// Substring search on bytes (glibc's `memmem` is not exported to Swift without _GNU_SOURCE).
    static func contains(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n > 0 else { return true }
        return bytes.withUnsafeBufferPointer { hay in
            let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: n)
            let first = pattern[0]
            var i = 0
            let last = hay.count - n
            while i <= last {
                if hay[i] == first {
                    var j = 1
                    while j < n, hay[i + j] == pattern[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }
    }
}
