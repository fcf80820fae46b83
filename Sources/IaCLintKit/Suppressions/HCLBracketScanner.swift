// Finds where an HCL statement ends by counting brackets outside strings, heredocs and comments:
// enough to know which lines a suppression before a block or multi-line attribute covers.

import IaCLintCore

enum HCLBracketScanner {
    /// The line on which the brackets opened on `line` close again; `line` itself when none stay open.
    static func statementEnd(_ source: SourceFile, from line: Int) -> Int {
        let bytes = source.bytes
        guard line >= 1, line <= source.lineCount else { return line }
        var i = source.lineStarts[line - 1]
        var depth = 0
        var currentLine = line
        var heredoc: [UInt8]?
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                if depth <= 0 && heredoc == nil { return currentLine }
                currentLine += 1
                i += 1
                if let marker = heredoc, lineIsHeredocEnd(bytes, from: i, marker: marker) { heredoc = nil }
                continue
            }
            if heredoc != nil { i += 1; continue }
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("): depth += 1; i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
                depth -= 1
                i += 1
                if depth < 0 { return currentLine }
            case UInt8(ascii: "\""): i = skipString(bytes, from: i + 1)
            case UInt8(ascii: "#"): i = skipToLineEnd(bytes, from: i)
            case UInt8(ascii: "/") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/"): i = skipToLineEnd(bytes, from: i)
            case UInt8(ascii: "/") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "*"):
                i += 2
                while i + 1 < bytes.count, !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) {
                    if bytes[i] == UInt8(ascii: "\n") { currentLine += 1 }
                    i += 1
                }
                i += 2
            case UInt8(ascii: "<") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "<"):
                var j = i + 2
                if j < bytes.count, bytes[j] == UInt8(ascii: "-") { j += 1 }
                let start = j
                while j < bytes.count, isIdentifierByte(bytes[j]) { j += 1 }
                if j > start { heredoc = Array(bytes[start..<j]) }
                i = j
            default: i += 1
            }
        }
        return currentLine
    }

    /// Skips a quoted template, including `${ ... }` interpolations with nested strings.
    static func skipString(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        var interpolation = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") { return i }  // unterminated: stop at the line end
            if b == UInt8(ascii: "\\") { i += 2; continue }
            if interpolation > 0 {
                if b == UInt8(ascii: "}") { interpolation -= 1 } else if b == UInt8(ascii: "{") { interpolation += 1 } else if b == UInt8(ascii: "\"") {
                    i = skipString(bytes, from: i + 1)
                    continue
                }
                i += 1
                continue
            }
            if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") {
                interpolation += 1
                i += 2
                continue
            }
            if b == UInt8(ascii: "\"") { return i + 1 }
            i += 1
        }
        return i
    }

    static func skipToLineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        return i
    }

    static func lineIsHeredocEnd(_ bytes: [UInt8], from start: Int, marker: [UInt8]) -> Bool {
        var i = start
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        guard i + marker.count <= bytes.count, Array(bytes[i..<(i + marker.count)]) == marker else { return false }
        let after = i + marker.count
        return after == bytes.count || bytes[after] == UInt8(ascii: "\n") || bytes[after] == UInt8(ascii: "\r")
    }

    static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }
}
