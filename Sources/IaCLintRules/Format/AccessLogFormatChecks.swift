// Remembers `AccessLogFormat.check` results by format text and API type, for one run of a rule: a large
// repository repeats a few formats across thousands of stages, and looking one up costs a hash of its
// bytes where checking it again cost about 80,000 instructions.

struct AccessLogFormatChecks {
    /// The text compared byte for byte: `String` equality treats canonically equivalent texts as equal,
    /// and their problems (lengths, JSON error excerpts) can differ.
    private struct Key: Hashable {
        var text: String
        var api: ApiType

        static func == (lhs: Key, rhs: Key) -> Bool {
            // Over the bytes in place with `memcmp`: the generic `elementsEqual` of two byte buffers
            // cost ~9,000 instructions a format (14 M on the 10 MB repository).
            lhs.api == rhs.api && ASCIIHash.sameBytes(lhs.text, rhs.text)
        }

        func hash(into hasher: inout Hasher) {
            // The length and up to 64 bytes from each end: formats that share both ends are rare, and
            // SipHash over a whole format of a few hundred bytes cost ~2,000 instructions a stage.
            hasher.combine(api)
            hasher.combine(text.utf8.count)
            var bytes = text
            bytes.withUTF8 { all in
                let n = all.count
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[0..<min(n, 64)])))
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[max(0, n - 64)..<n])))
            }
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
