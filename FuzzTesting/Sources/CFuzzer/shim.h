#ifndef CFUZZER_SHIM_H
#define CFUZZER_SHIM_H
#include <stddef.h>
#include <stdint.h>
// libFuzzer's driver (linked by -sanitize=fuzzer): runs the fuzzing loop on `callback` with
// libFuzzer's command-line flags. The targets call it from their own `main`, because SwiftPM
// renames an executable's `main` and libFuzzer's would never run.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
