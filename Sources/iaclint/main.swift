// The iaclint executable: argument parsing only; the work happens in IaCLintKit.
import IaCLintKit
print("iaclint")
