// The structural part of the HCL syntax tree: files, bodies, attributes and blocks.

import IaCLintCore

/// One parsed HCL file: always a (possibly partial) body plus the problems met while reading it.
public struct HCLFile: Sendable {
    public var body: Body
    /// Syntax errors, in source order. An empty list means the file is valid native syntax.
    public var diagnostics: [Diagnostic]
    public var source: SourceFile
    /// Every comment, in source order (suppression comments like `# iaclint:ignore APIGW007 -- why`).
    public var comments: [Comment]

    public init(body: Body, diagnostics: [Diagnostic], source: SourceFile, comments: [Comment]) {
        self.body = body
        self.diagnostics = diagnostics
        self.source = source
        self.comments = comments
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A comment as written, markers included (`# x`, `// x`, `/* x */`); the range excludes the line ending.
public struct Comment: Hashable, Sendable {
    public enum Style: String, Hashable, Sendable {
        case hash        // # ...
        case doubleSlash // // ...
        case block       // /* ... */
    }
    public var style: Style
    public var text: String
    public var range: SourceRange

    public init(style: Style, text: String, range: SourceRange) {
        self.style = style
        self.text = text
        self.range = range
    }

    /// The text without its markers and surrounding spaces: `iaclint:ignore APIGW007 -- why`.
    public var content: String {
        var scalars = Substring(text)
        switch style {
        case .hash: scalars = scalars.dropFirst()
        case .doubleSlash: scalars = scalars.dropFirst(2)
        case .block:
            scalars = scalars.dropFirst(2)
            if scalars.hasSuffix("*/") { scalars = scalars.dropLast(2) }
        }
        return String(scalars.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// A sequence of attributes and blocks: a whole file or the inside of a block's braces.
public struct Body: Hashable, Sendable {
    public var attributes: [Attribute]
    public var blocks: [Block]
    /// The whole body: from the first byte after `{` to the `}` (or the file's start and end).
    public var range: SourceRange
    /// An empty range where the body ends (at the `}` or end of file), for "missing attribute" findings.
    public var endRange: SourceRange

    public init(attributes: [Attribute], blocks: [Block], range: SourceRange, endRange: SourceRange) {
        self.attributes = attributes
        self.blocks = blocks
        self.range = range
        self.endRange = endRange
    }

    /// One entry of a body in source order.
    public enum Item: Hashable, Sendable {
        case attribute(Attribute)
        case block(Block)

        public var range: SourceRange {
            switch self {
            case .attribute(let a): return a.range
            case .block(let b): return b.range
            }
        }
    }

    /// Attributes and blocks interleaved in source order.
    public var items: [Item] {
        var result: [Item] = []
        result.reserveCapacity(attributes.count + blocks.count)
        var a = 0, b = 0
        while a < attributes.count || b < blocks.count {
            if b >= blocks.count || (a < attributes.count && attributes[a].range.start.offset < blocks[b].range.start.offset) {
                result.append(.attribute(attributes[a])); a += 1
            } else {
                result.append(.block(blocks[b])); b += 1
            }
        }
        return result
    }

    /// The attribute with this name, if any (names are unique within a valid body).
    public func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }

    /// The direct child blocks of this type, in source order.
    public func blocks(ofType type: String) -> [Block] { blocks.filter { $0.type == type } }
}

/// `name = expression`.
public struct Attribute: Hashable, Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var expression: Expression
    /// From the name to the end of the expression.
    public var range: SourceRange

    public init(name: String, nameRange: SourceRange, expression: Expression, range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.expression = expression
        self.range = range
    }
}

/// `type "label" bare_label { body }`.
public struct Block: Hashable, Sendable {
    public var type: String
    public var typeRange: SourceRange
    public var labels: [BlockLabel]
    public var body: Body
    public var openBraceRange: SourceRange
    /// The `}`; an empty range at end of file when the block is never closed.
    public var closeBraceRange: SourceRange
    /// From the type to the closing brace.
    public var range: SourceRange

    public init(type: String, typeRange: SourceRange, labels: [BlockLabel], body: Body,
                openBraceRange: SourceRange, closeBraceRange: SourceRange, range: SourceRange) {
        self.type = type
        self.typeRange = typeRange
        self.labels = labels
        self.body = body
        self.openBraceRange = openBraceRange
        self.closeBraceRange = closeBraceRange
        self.range = range
    }

    /// The label values: `["aws_api_gateway_stage", "this"]`.
    public var labelValues: [String] { labels.map(\.value) }

    /// The range of the header line: type and labels, for findings about the block as a whole.
    public var headerRange: SourceRange { labels.last.map { typeRange.union($0.range) } ?? typeRange }
}

/// A block label: its unescaped value and its range (quotes included when quoted).
public struct BlockLabel: Hashable, Sendable {
    public var value: String
    public var range: SourceRange
    /// True for `"label"`, false for a bare identifier label.
    public var isQuoted: Bool

    public init(value: String, range: SourceRange, isQuoted: Bool) {
        self.value = value
        self.range = range
        self.isQuoted = isQuoted
    }
}
