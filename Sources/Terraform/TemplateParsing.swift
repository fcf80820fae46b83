// Parses template and expression text that does not come from a `.tf` file — strings inside
// `.tf.json` files and `templatefile()` files — with the HCL parser, keeping exact positions.

import IaCLintCore
import HCL

enum TemplateParsing {
    /// A template file's contents as a template expression, positions in that file.
    static func parseTemplateText(_ bytes: [UInt8], path: String) -> (Expression, [Diagnostic]) {
        let (template, diagnostics) = HCLParser.parseTemplate(bytes, path: path)
        return (.template(template), diagnostics)
    }

    /// A JSON string (its byte range in `source`, quotes included) as a template (`asExpression ==
    /// false`) or an expression (`type`, `depends_on`). Without backslash escapes the raw bytes mean
    /// the same to HCL and positions are exact; otherwise the decoded text is parsed and the result
    /// takes the whole string's range.
    static func parseJSONString(source: SourceFile, stringRange: Range<Int>, decoded: String,
                                asExpression: Bool, fallbackRange: SourceRange) -> (Expression, [Diagnostic]) {
        let from = stringRange.lowerBound + 1, to = max(from, stringRange.upperBound - 1)
        let hasEscapes = source.bytes[from..<to].contains(0x5C)
        if !hasEscapes {
            if asExpression {
                let (e, d) = HCLParser.parseExpression(in: source, from: from, to: to)
                return (e, d)
            }
            let (t, d) = HCLParser.parseTemplate(in: source, from: from, to: to)
            return (.template(t), d)
        }
        let bytes = Array(decoded.utf8)
        let expression: Expression
        let diagnostics: [Diagnostic]
        if asExpression {
            (expression, diagnostics) = HCLParser.parseExpression(bytes, path: source.path)
        } else {
            let (t, d) = HCLParser.parseTemplate(bytes, path: source.path)
            var relocated = t
            relocated.range = fallbackRange
            (expression, diagnostics) = (.template(relocated), d)
        }
        return (.parenthesized(Parenthesized(inner: expression, range: fallbackRange)),
                diagnostics.map { var copy = $0; copy.range = fallbackRange; return copy })
    }
}
