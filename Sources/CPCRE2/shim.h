#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H
// Swift sees only the 8-bit (UTF-8) API: pcre2_compile_8, pcre2_match_8, ...
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
