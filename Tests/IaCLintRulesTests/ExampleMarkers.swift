// `↓` markers in rule examples and fixtures: where findings must start, and the text without them.

import IaCLintCore

struct MarkedFile {
    var name: String
    var text: String
    /// 1-based line and column (Unicode scalars) of each marker in the text without markers.
    var markers: [Position]

    struct Position: Hashable, Comparable, CustomStringConvertible {
        var file: String
        var line: Int
        var column: Int
        static func < (a: Position, b: Position) -> Bool {
            (a.file, a.line, a.column) < (b.file, b.line, b.column)
        }
        var description: String { "\(file):\(line):\(column)" }
    }

    init(name: String, marked: String) {
        self.name = name
        var out = ""
        var markers: [Position] = []
        var line = 1, column = 1
        for scalar in marked.unicodeScalars {
            if scalar == "↓" {
                markers.append(Position(file: name, line: line, column: column))
                continue
            }
            out.unicodeScalars.append(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        self.text = out.hasSuffix("\n") ? out : out + "\n"
        self.markers = markers
    }
}
