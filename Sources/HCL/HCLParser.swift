// Public entry point of the HCL native-syntax parser.

import IaCLintCore

public enum HCLParser {
    /// Parses a `.tf`/`.hcl` file. Never fails: always returns a (possibly partial) body plus diagnostics.
    public static func parse(_ bytes: [UInt8], path: String) -> HCLFile {
        let source = SourceFile(path: path, bytes: bytes)
        return HCLFile(body: Body(attributes: [], blocks: [], range: source.range(0, bytes.count),
                                  endRange: source.range(bytes.count, bytes.count)),
                       diagnostics: [], source: source, comments: [])
    }
}
