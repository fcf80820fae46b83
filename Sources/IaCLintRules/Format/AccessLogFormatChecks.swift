// Remembers `AccessLogFormat.check` results by format text and API type, for one run of a rule: a large
// repository repeats a few formats across thousands of stages, and looking one up costs a hash of its
// bytes where checking it again cost about 80,000 instructions.

import IaCLintCore

struct AccessLogFormatChecks {
    /// The text compared byte for byte: `String` equality treats canonically equivalent texts as equal,
    /// and their problems (lengths, JSON error excerpts) can differ.
    private struct Key: Hashable {
        var text: String
        var api: ApiType

        static func == (lhs: Key, rhs: Key) -> Bool {
            // Over the bytes in place with `memcmp`: the generic `elementsEqual` of two byte buffers
            // cost ~9,000 instructions a format (14 M on the 10 MB repository).
            lhs.api == rhs.api && RawBytes.sameUTF8(lhs.text, rhs.text)
        }

        func hash(into hasher: inout Hasher) {
            // The bytes by `ASCIIHash` (eight at a time), one word into SipHash: SipHash over up to
            // 128 bytes cost ~1,700 instructions a stage. Keys are equal by their bytes, so a hash of
            // the bytes agrees with `==`; text that is not ASCII is hashed by its length only.
            hasher.combine(api)
            var bytes = text
            let hash = bytes.withUTF8 { ASCIIHash.of(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(hash ?? UInt64(truncatingIfNeeded: text.utf8.count))
        }
    }

    private var known: [Key: [FormatProblem]] = [:]

    /// `AccessLogFormat.check(text, api: api)`, computed once per distinct text and API type.
    mutating func problems(_ text: String, api: ApiType) -> [FormatProblem] {
        let key = Key(text: text, api: api)
        if let problems = known[key] { return problems }
        let problems = AccessLogFormat.check(text, api: api)
        known[key] = problems
        return problems
    }
}
