// Parses template and expression text that does not come from a `.tf` file — strings inside
// `.tf.json` files and `templatefile()` files — with the HCL parser, keeping positions where possible.

import IaCLintCore
import HCL

enum TemplateParsing {
    private static let marker = "IACLINT_TEMPLATE_END_7F3A"

    /// A template file's contents as a template expression. Positions inside are one line off (the
    /// parser sees a heredoc opener first); results carry the `templatefile()` call's range anyway.
    static func parseTemplateText(_ bytes: [UInt8], path: String) -> (Expression, [Diagnostic]) {
        var synthetic = Array("x=<<\(marker)\n".utf8)
        synthetic += bytes
        let endsWithNewline = bytes.last == 0x0A
        if !endsWithNewline { synthetic.append(0x0A) }
        synthetic += Array("\(marker)\n".utf8)
        let file = HCLParser.parse(synthetic, path: path)
        guard let attr = file.body.attributes.first, case .template(var t) = attr.expression else {
            return (.invalid(SourceRange(file: path, at: .start)), file.diagnostics)
        }
        t.heredoc = nil
        if !endsWithNewline, case .literal(let text, let r)? = t.parts.last, text.hasSuffix("\n") {
            t.parts[t.parts.count - 1] = .literal(String(text.dropLast()), r)
            if text == "\n" { t.parts.removeLast() }
        }
        return (.template(t), file.diagnostics)
    }

    /// A JSON string (given by its raw byte range in `fileBytes`, quotes included) as a template
    /// (`asExpression == false`) or as an expression (`type`, `depends_on`). When the raw text can be
    /// read by HCL directly, positions are exact; otherwise the decoded text is parsed and every
    /// position is approximate (inside the string).
    static func parseJSONString(fileBytes: [UInt8], stringRange: Range<Int>, decoded: String, path: String,
                                asExpression: Bool, fallbackRange: SourceRange) -> (Expression, [Diagnostic]) {
        let q = stringRange.lowerBound
        let raw = fileBytes[(q + 1)..<max(q + 1, stringRange.upperBound - 1)]
        let lineStart = fileBytes[..<q].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let rawIsHCLCompatible = !raw.contains(0x5C) // no escapes: the raw bytes mean the same in HCL
        if q - lineStart >= 2, rawIsHCLCompatible, fileBytes.count <= 1 << 20 {
            var synthetic = [UInt8](repeating: 0x20, count: q - 2)
            for i in 0..<(q - 2) where fileBytes[i] == 0x0A { synthetic[i] = 0x0A }
            synthetic += [UInt8(ascii: "x"), UInt8(ascii: "=")]
            if asExpression {
                synthetic.append(0x20)
                synthetic += raw
                synthetic += [0x20, 0x0A]
            } else {
                synthetic += fileBytes[stringRange]
                synthetic.append(0x0A)
            }
            let file = HCLParser.parse(synthetic, path: path)
            if let attr = file.body.attributes.first, !file.hasErrors {
                return (attr.expression, [])
            }
            return (attr(file)?.expression ?? .invalid(fallbackRange), file.diagnostics)
        }
        // Fallback: parse the decoded text on its own.
        let text = asExpression ? "x=\(decoded)\n" : "x=<<\(marker)\n\(decoded)\n\(marker)\n"
        let file = HCLParser.parse(Array(text.utf8), path: path)
        guard let a = file.body.attributes.first else { return (.invalid(fallbackRange), file.diagnostics.map { relocate($0, fallbackRange) }) }
        var expression = a.expression
        if !asExpression, case .template(var t) = expression {
            t.heredoc = nil
            if case .literal(let s, let r)? = t.parts.last, s.hasSuffix("\n") {
                if s == "\n" { t.parts.removeLast() } else { t.parts[t.parts.count - 1] = .literal(String(s.dropLast()), r) }
            }
            t.range = fallbackRange
            expression = .template(t)
        }
        return (.parenthesized(Parenthesized(inner: expression, range: fallbackRange)), file.diagnostics.map { relocate($0, fallbackRange) })
    }

    private static func attr(_ file: HCLFile) -> Attribute? { file.body.attributes.first }

    private static func relocate(_ d: Diagnostic, _ range: SourceRange) -> Diagnostic {
        var copy = d
        copy.range = range
        return copy
    }
}
