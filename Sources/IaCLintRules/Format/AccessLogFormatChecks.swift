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
            guard lhs.api == rhs.api, lhs.text.utf8.count == rhs.text.utf8.count else { return false }
            // Over the bytes in place: the generic `elementsEqual` of two UTF-8 views cost ~20,000
            // instructions a format.
            var l = lhs.text, r = rhs.text
            return l.withUTF8 { lb in r.withUTF8 { rb in lb.elementsEqual(rb) } }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(api)
            var bytes = text
            bytes.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
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
