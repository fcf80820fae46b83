// libFuzzer's driver entry point (compiler-rt FuzzerInterface.h), for executables whose `main`
// SwiftPM renames: each fuzz target's main calls it with its test-one-input function.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
