// What a Terraform function call may read besides its arguments: where it is written, the module's
// directory for `file()`, the scan root it must not escape, and the template evaluator.

import IaCLintCore

struct FunctionContext {
    /// The call expression; results carry it as their range.
    var range: SourceRange?
    /// The evaluator and module instance of the call; nil for a bare call (tests), where
    /// `templatefile`, `jsondecode` and notes are unavailable. Held as references, not as closures
    /// made for every call: those were two heap allocations per function call, mostly unused.
    var caller: (evaluator: Evaluator, module: ModuleInstance)? = nil
    /// Paths and reader given explicitly (bare calls); nil when they come from `caller`. Read from
    /// the caller only when a file function asks: copying three strings and a closure into every
    /// call's context cost four retains and four releases per call.
    private var explicit: ExplicitFiles?

    private final class ExplicitFiles {
        let moduleDirectory: String
        let scanRoot: String
        let workingDirectory: String
        let readFile: @Sendable (String) -> Result<[UInt8], FileError>

        init(moduleDirectory: String, scanRoot: String, workingDirectory: String,
             readFile: @escaping @Sendable (String) -> Result<[UInt8], FileError>) {
            self.moduleDirectory = moduleDirectory
            self.scanRoot = scanRoot
            self.workingDirectory = workingDirectory
            self.readFile = readFile
        }
    }

    init(range: SourceRange?, moduleDirectory: String, scanRoot: String, workingDirectory: String = "/",
         readFile: @escaping @Sendable (String) -> Result<[UInt8], FileError>,
         caller: (evaluator: Evaluator, module: ModuleInstance)? = nil) {
        self.range = range
        self.caller = caller
        explicit = ExplicitFiles(moduleDirectory: moduleDirectory, scanRoot: scanRoot, workingDirectory: workingDirectory,
                                 readFile: readFile)
    }

    /// A call made by `evaluator` in `module`: directories and reader are the load's.
    init(range: SourceRange?, evaluator: Evaluator, module: ModuleInstance) {
        self.range = range
        caller = (evaluator, module)
        explicit = nil
    }

    /// The module's directory on disk (as opened), for relative `file()` paths.
    var moduleDirectory: String { explicit?.moduleDirectory ?? caller?.module.rootDirectory ?? "." }
    /// Absolute, normalised root that `file()`/`templatefile()` must stay inside.
    var scanRoot: String { explicit?.scanRoot ?? caller?.evaluator.context.options.scanRoot ?? "/" }
    /// What relative paths are relative to for system calls.
    var workingDirectory: String { explicit?.workingDirectory ?? caller?.evaluator.context.options.workingDirectory ?? "/" }
    /// Reads a file's bytes; injected so tests and the pipeline control I/O.
    var readFile: @Sendable (String) -> Result<[UInt8], FileError> {
        if let explicit { return explicit.readFile }
        if let options = caller?.evaluator.context.options { return options.fileReader }
        return { .failure(FileError(path: $0, message: "no file reader")) }
    }

    /// Parses and evaluates a template string with variables (for `templatefile`).
    var renderTemplate: ((_ text: [UInt8], _ path: String, _ variables: Value) -> Value)? {
        guard let (evaluator, module) = caller, let range else { return nil }
        return { bytes, path, variables in
            evaluator.renderTemplateFile(bytes, path: path, variables: variables, range: range, module: module)
        }
    }

    /// Decodes JSON text into a value (for `jsondecode`).
    var decodeJSON: ((_ text: String, _ range: SourceRange?) -> Value)? {
        guard caller != nil else { return nil }
        return Evaluator.decodeJSONText
    }

    /// Reports a located note (a file the call was not allowed to read).
    var note: ((_ message: String, _ range: SourceRange?) -> Void)? {
        guard let context = caller?.evaluator.context else { return nil }
        return { message, range in context.note(message, at: range) }
    }
}

/// A failed call: unknown with the reason, never a crash.
func invalidCall(_ name: String, _ message: String, _ ctx: FunctionContext) -> Value {
    Value.unknown(.invalid, range: ctx.range).withDetail("\(name): \(message)")
}

extension Value {
    fileprivate func withDetail(_ detail: String) -> Value {
        guard case .unknown(let reason) = kind else { return self }
        return Value(.unknown(UnknownReason(reason.kind, detail)), range: range, references: references, via: via)
    }
}
