// A JSON syntax error with the byte offset where it was found.

/// What the reader met and where (byte offsets into the UTF-8 text being read).
public struct JSONSyntaxError: Error, Hashable, Sendable {
    /// One sentence: "expected ',' or '}' after an object member".
    public var message: String
    /// Byte offset of the offending input.
    public var offset: Int
    /// Other places that explain it ("the object opened here"), as (message, byte offset).
    public var related: [JSONRelatedOffset]

    public init(_ message: String, at offset: Int, related: [JSONRelatedOffset] = []) {
        self.message = message
        self.offset = offset
        self.related = related
    }
}

/// A secondary byte offset attached to a syntax error.
public struct JSONRelatedOffset: Hashable, Sendable {
    public var message: String
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
}
