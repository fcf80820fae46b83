// Builds `SourcePosition` values without a cross-module call per token (the lexer makes two per token).

import IaCLintCore

enum FastPosition {
    /// `SourcePosition` stores three `UInt32`s (line, column, offset) in that order. Its public
    /// initializer lives in another module and is not inlined, which costs a call per position;
    /// when the layout is confirmed once, positions are assembled in place instead.
    static let layoutMatches: Bool = {
        guard MemoryLayout<SourcePosition>.size == MemoryLayout<(UInt32, UInt32, UInt32)>.size,
              MemoryLayout<SourcePosition>.alignment == MemoryLayout<(UInt32, UInt32, UInt32)>.alignment else { return false }
        let probe = unsafeBitCast((UInt32(3), UInt32(5), UInt32(7)), to: SourcePosition.self)
        return probe == SourcePosition(line: 3, column: 5, offset: 7)
    }()

    /// Same as `SourcePosition(line:column:offset:)` (values are clamped to `UInt32` alike);
    /// callers read `layoutMatches` once and pass it, so the hot path has no lazy-global check.
    @inline(__always)
    static func make(line: Int, column: Int, offset: Int, layoutMatches: Bool) -> SourcePosition {
        if layoutMatches {
            return unsafeBitCast((UInt32(clamping: line), UInt32(clamping: column), UInt32(clamping: offset)),
                                 to: SourcePosition.self)
        }
        return SourcePosition(line: line, column: column, offset: offset)
    }
}
