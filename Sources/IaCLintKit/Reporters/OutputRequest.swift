// Which formats go where: `--format X [--output FILE]` pairs, read in command-line order.

public struct OutputRequest: Hashable, Sendable {
    public var format: ReportFormat
    /// nil: standard output.
    public var path: String?

    public init(format: ReportFormat, path: String? = nil) {
        self.format = format
        self.path = path
    }

    /// Pairs each `--output` with the `--format` before it (`--format text --format sarif --output r.sarif`
    /// prints text and writes SARIF). An `--output` before any `--format` writes the default text.
    /// At most one format may go to standard output.
    public static func pair(_ arguments: [String]) -> Result<[OutputRequest], UsageError> {
        var requests: [OutputRequest] = []
        var i = 0
        func value(_ option: String) -> String? {
            if let eq = arguments[i].firstIndex(of: "="), arguments[i].hasPrefix("--") {
                return String(arguments[i][arguments[i].index(after: eq)...])
            }
            i += 1
            return i < arguments.count ? arguments[i] : nil
        }
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { break }
            let name = argument.hasPrefix("--") ? String(argument.split(separator: "=", maxSplits: 1)[0]) : argument
            switch name {
            case "--format", "-f":
                guard let text = value(name) else { return .failure(UsageError("--format needs a value")) }
                guard let format = ReportFormat(rawValue: text) else {
                    return .failure(UsageError("unknown format '\(text)'; expected one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
                requests.append(OutputRequest(format: format))
            case "--output", "-o":
                guard let path = value(name), !path.isEmpty else { return .failure(UsageError("--output needs a file name")) }
                if let last = requests.indices.last, requests[last].path == nil {
                    requests[last].path = path
                } else if requests.isEmpty {
                    requests.append(OutputRequest(format: .text, path: path))
                } else {
                    return .failure(UsageError("--output \(path) has no --format before it; write --format X --output FILE pairs"))
                }
            default:
                break
            }
            i += 1
        }
        if requests.isEmpty { requests.append(OutputRequest(format: .text)) }
        if requests.filter({ $0.path == nil }).count > 1 {
            return .failure(UsageError("only one format can go to standard output; give the others --output FILE"))
        }
        let files = requests.compactMap(\.path)
        if Set(files).count != files.count { return .failure(UsageError("two formats write the same --output file")) }
        return .success(requests)
    }
}

/// A mistake on the command line or in how options combine (exit status 2).
public struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
