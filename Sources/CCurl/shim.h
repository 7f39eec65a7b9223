#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
// Typed wrappers for libcurl's variadic setopt/getinfo calls, which Swift cannot call.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#endif
