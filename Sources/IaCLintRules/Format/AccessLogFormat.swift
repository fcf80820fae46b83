// Checks of one known access-log format string: the things API Gateway rejects or that make the
// log useless (no request id, broken JSON, unknown variables, several lines, too long).

/// One `$context.name` occurrence in a format.
struct ContextVariableUse: Hashable, Sendable {
    /// The name after `$context.`.
    var name: String
    /// Byte offsets of the whole `$context.name` in the format.
    var start: Int
    var end: Int
}

/// One problem in a format, with the severity it deserves for that API type.
struct FormatProblem: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case empty
        case newline(trailingOnly: Bool)
        case missingRequestId
        case unknownVariable(name: String, suggestion: String?)
        case unsupportedVariable(name: String)
        case invalidJSON(message: String)
        case tooLong(length: Int)
    }
    var kind: Kind
    var isError: Bool
}

enum AccessLogFormat {
    static let maximumV2Length = 1024

    /// Every `$context.xxx` in the text, in order.
    static func variables(in text: String) -> [ContextVariableUse] {
        let bytes = Array(text.utf8)
        let prefix = Array("$context.".utf8)
        var out: [ContextVariableUse] = []
        var i = 0
        while i + prefix.count <= bytes.count {
            guard bytes[i] == UInt8(ascii: "$"), bytes[i..<(i + prefix.count)].elementsEqual(prefix) else { i += 1; continue }
            var j = i + prefix.count
            var nameEnd = j
            while j < bytes.count {
                if isNameByte(bytes[j]) {
                    j += 1; nameEnd = j
                } else if bytes[j] == UInt8(ascii: "."), j + 1 < bytes.count, isNameByte(bytes[j + 1]), nameEnd == j {
                    j += 1
                } else if bytes[j] == UInt8(ascii: "-"), j + 1 < bytes.count, isNameByte(bytes[j + 1]),
                          ContextVariableCatalog.allowsDashes(String(decoding: bytes[(i + prefix.count)..<j], as: UTF8.self)),
                          String(decoding: bytes[(i + prefix.count)..<j], as: UTF8.self).split(separator: ".").count >= 2 {
                    j += 1
                } else {
                    break
                }
            }
            if nameEnd > i + prefix.count {
                out.append(ContextVariableUse(name: String(decoding: bytes[(i + prefix.count)..<nameEnd], as: UTF8.self),
                                              start: i, end: nameEnd))
            }
            i = max(nameEnd, i + 1)
        }
        return out
    }

    /// Other `$…` variable families that access logs do not support.
    static func unsupportedVariables(in text: String) -> [String] {
        var out: [String] = []
        for family in ["$input.", "$util.", "$stageVariables.", "$request."] where text.contains(family) {
            out.append(String(family.dropLast()))
        }
        return out
    }

    static func check(_ text: String, api: ApiType) -> [FormatProblem] {
        if text.isEmpty || text.allSatisfy({ $0 == " " || $0 == "\t" }) {
            return [FormatProblem(kind: .empty, isError: true)]
        }
        var problems: [FormatProblem] = []
        // A newline: REST allows exactly one, at the very end (it ends each entry).
        let newlines = text.utf8.filter { $0 == 0x0A || $0 == 0x0D }.count
        if newlines > 0 {
            let trailingOnly = newlines == 1 && text.utf8.last == 0x0A
            if !(trailingOnly && (api == .rest || api == .unknown)) {
                problems.append(FormatProblem(kind: .newline(trailingOnly: trailingOnly), isError: true))
            }
        }
        let uses = variables(in: text)
        if !uses.contains(where: { $0.name == "requestId" || $0.name == "extendedRequestId" }) {
            problems.append(FormatProblem(kind: .missingRequestId, isError: true))
        }
        let catalog = ContextVariableCatalog.forAPI(api)
        var reported: Set<String> = []
        for use in uses where !catalog.contains(use.name) && reported.insert(use.name).inserted {
            problems.append(FormatProblem(kind: .unknownVariable(name: use.name, suggestion: catalog.suggestion(for: use.name)),
                                          isError: api == .http))
        }
        for family in unsupportedVariables(in: text) {
            problems.append(FormatProblem(kind: .unsupportedVariable(name: family), isError: api == .http))
        }
        if let first = text.unicodeScalars.first(where: { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }), first == "{" {
            if let error = jsonError(text, uses: uses) {
                problems.append(FormatProblem(kind: .invalidJSON(message: error), isError: true))
            }
        }
        if api == .http || api == .webSocket {
            let length = text.unicodeScalars.count
            if length > maximumV2Length { problems.append(FormatProblem(kind: .tooLong(length: length), isError: true)) }
        }
        return problems
    }

    /// The JSON syntax error after each variable is replaced by a number (valid quoted or not).
    static func jsonError(_ text: String, uses: [ContextVariableUse]) -> String? {
        var bytes = Array(text.utf8)
        for use in uses.reversed() {
            bytes.replaceSubrange(use.start..<use.end, with: [UInt8(ascii: "0")])
        }
        let substituted = String(decoding: bytes, as: UTF8.self)
        guard let error = JSONText.firstError(substituted) else { return nil }
        // Show the text around the error, as the substituted format reads there.
        let from = max(0, error.offset - 12), to = min(bytes.count, error.offset + 12)
        let excerpt = String(decoding: bytes[from..<to], as: UTF8.self)
        return "\(error.message) near `\(excerpt)`"
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }
}
