// What the YAML reader returns and the limits it enforces.

import IaCLintCore

/// The parsed documents of one file and the problems met. `root` is the first document, the one a
/// CloudFormation template or a config file uses; later documents are kept in `documents`.
public struct YAMLDocumentResult: Sendable {
    public var documents: [YAMLNode]
    public var diagnostics: [Diagnostic]

    public init(documents: [YAMLNode], diagnostics: [Diagnostic]) {
        self.documents = documents
        self.diagnostics = diagnostics
    }

    public var root: YAMLNode? { documents.first }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Bounds that keep hostile input (alias bombs, deep nesting) from hanging or exhausting memory.
public struct YAMLLimits: Sendable {
    /// Nodes after alias expansion, all documents together.
    public var maxNodes: Int
    /// Nesting of sequences and mappings.
    public var maxDepth: Int

    public init(maxNodes: Int = 2_000_000, maxDepth: Int = 512) {
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
    }

    public static let `default` = YAMLLimits()
}
