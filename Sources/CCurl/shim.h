#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
// Typed wrappers for libcurl's variadic setopt/getinfo calls, which Swift cannot call.
//
// curl.h wraps curl_easy_setopt/getinfo in GCC type-checking macros; each wrapper below
// already fixes the argument type, so the checks are switched off.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

// Swift's Clang importer compiles these static-inline functions itself: no C target needed.

/// curl_easy_setopt for options of type long (CURLOPTTYPE_LONG, CURLOPTTYPE_VALUES).
static inline CURLcode ccurl_easy_setopt_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}

/// curl_easy_setopt for options of type curl_off_t (CURLOPTTYPE_OFF_T).
static inline CURLcode ccurl_easy_setopt_off_t(CURL *curl, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(curl, option, value);
}

/// curl_easy_setopt for C strings (CURLOPTTYPE_STRINGPOINT); libcurl copies them.
static inline CURLcode ccurl_easy_setopt_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}

/// curl_easy_setopt for data pointers (CURLOPTTYPE_OBJECTPOINT, CURLOPTTYPE_CBPOINT);
/// libcurl keeps the pointer, so the memory must outlive the transfer.
static inline CURLcode ccurl_easy_setopt_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}

/// curl_easy_setopt for header lists (CURLOPTTYPE_SLISTPOINT); libcurl keeps the list.
static inline CURLcode ccurl_easy_setopt_slist(CURL *curl, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(curl, option, value);
}

/// curl_easy_setopt for CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION, which share a signature.
static inline CURLcode ccurl_easy_setopt_write_function(CURL *curl, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(curl, option, value);
}

/// curl_easy_getinfo for CURLINFO_LONG values.
static inline CURLcode ccurl_easy_getinfo_long(CURL *curl, CURLINFO info, long *value) {
    return curl_easy_getinfo(curl, info, value);
}

/// curl_multi_setopt for options of type long.
static inline CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

#endif
