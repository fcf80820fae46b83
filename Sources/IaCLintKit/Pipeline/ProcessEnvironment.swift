// The process environment as a dictionary (for TF_VAR_*), read through the C library.

#if canImport(Glibc)
import Glibc
#endif

enum ProcessEnvironment {
    static func all() -> [String: String] {
        var out: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                out[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            p += 1
        }
        return out
    }
}
