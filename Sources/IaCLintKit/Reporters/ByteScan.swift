// Byte tests over a string's UTF-8 in place: the generic `String.UTF8View` sequence methods cost
// thousands of instructions a message, and reporters ask them of every finding.

enum ByteScan {
    /// True when some byte of `text` passes `test`.
    @inline(__always)
    static func contains(_ text: String, where test: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(where: test) }
    }

    /// Appends the UTF-8 of `text` in one copy.
    @inline(__always)
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }
}
