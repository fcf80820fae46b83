// Checks of an access-log format string (or the known text of a partly unknown one): what API
// Gateway rejects or what makes the log useless (no request id, broken JSON, unknown variables,
// several lines, too long).

import IaCLintCore

/// One `$context.name` occurrence in a format.
struct ContextVariableUse: Hashable, Sendable {
    /// The name after `$context.`.
    var name: String
    /// Byte offsets of the whole `$context.name` in the format.
    var start: Int
    var end: Int
}

/// A `$context` name the API type does not document, and the name it most likely meant.
struct UnknownVariable: Hashable, Sendable {
    var name: String
    var suggestion: String?
}

/// One problem in a format, with the severity it deserves for that API type.
struct FormatProblem: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case empty
        case newline(trailingOnly: Bool)
        case missingRequestId
        /// Every unknown variable of the format, with the nearest valid name when there is one.
        case unknownVariables([UnknownVariable])
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
        let families = ["$input.", "$util.", "$stageVariables.", "$request."].map { Array($0.utf8) }
        let bytes = Array(text.utf8)
        var found = [Bool](repeating: false, count: families.count)
        for i in bytes.indices where bytes[i] == UInt8(ascii: "$") {
            for (f, family) in families.enumerated() where !found[f] && i + family.count <= bytes.count {
                if bytes[i..<(i + family.count)].elementsEqual(family) { found[f] = true }
            }
        }
        return families.indices.filter { found[$0] }.map { String(decoding: families[$0].dropLast(), as: UTF8.self) }
    }

    /// The known text of a partly unknown template, as the CloudFormation front end describes it
    /// (`Fn::Sub "…${AWS::StackName}…"`), with the unknown parts left as `${…}`; nil otherwise.
    static func partlyKnownText(_ value: Value) -> String? {
        guard let reason = value.unknownReason else { return nil }
        // ASCII text (nearly always): its bytes are its characters, so the same cut is made over bytes.
        // Over characters, `dropLast` counted every character of the template (~18,000 instructions).
        if ASCIIHash.of(reason.detail) != nil {
            let bytes = reason.detail.utf8
            guard bytes.last == UInt8(ascii: "\"") else { return nil }
            for function in ["Fn::Sub \"", "Fn::Join \""] where bytes.starts(with: function.utf8) {
                let start = function.utf8.count, end = bytes.count - 1
                return end > start ? String(decoding: Array(bytes)[start..<end], as: UTF8.self) : nil
            }
            return nil
        }
        for function in ["Fn::Sub \"", "Fn::Join \""] where reason.detail.hasPrefix(function) && reason.detail.hasSuffix("\"") {
            let inner = reason.detail.dropFirst(function.count).dropLast()
            return inner.isEmpty ? nil : String(inner)
        }
        return nil
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
        var unknown: [UnknownVariable] = []
        for use in uses where !catalog.contains(use.name) && reported.insert(use.name).inserted {
            unknown.append(UnknownVariable(name: use.name, suggestion: catalog.suggestion(for: use.name)))
        }
        if !unknown.isEmpty { problems.append(FormatProblem(kind: .unknownVariables(unknown), isError: api == .http)) }
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

    /// The JSON syntax error after each variable is replaced by a number (valid quoted or not),
    /// described with the original text around the error.
    static func jsonError(_ text: String, uses: [ContextVariableUse]) -> String? {
        let original = Array(text.utf8)
        var bytes: [UInt8] = []
        var origin: [Int] = []   // original offset of each substituted byte
        var next = 0
        for use in uses {
            while next < use.start { bytes.append(original[next]); origin.append(next); next += 1 }
            bytes.append(UInt8(ascii: "0")); origin.append(use.start)
            next = use.end
        }
        while next < original.count { bytes.append(original[next]); origin.append(next); next += 1 }
        guard let error = JSONText.firstError(String(decoding: bytes, as: UTF8.self)) else { return nil }
        let at = error.offset < origin.count ? origin[error.offset] : original.count
        let from = max(0, at - 24), to = min(original.count, at + 16)
        var excerpt = String(decoding: original[from..<to], as: UTF8.self)
        excerpt = excerpt.replacingNewlines()
        return "\(error.message) near `\(excerpt)`"
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }
}

extension String {
    /// Newlines shown as `\n` so an excerpt stays on one line of a message.
    fileprivate func replacingNewlines() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
