#ifndef DBCOPY_CCURL_SHIM_H
#define DBCOPY_CCURL_SHIM_H
#include <curl/curl.h>

/* Swift cannot call C variadic functions: typed wrappers for curl_easy_setopt/getinfo. */
static inline CURLcode dbcopy_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode dbcopy_curl_setopt_ptr(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode dbcopy_curl_setopt_write(CURL *handle, CURLoption option,
                                                size_t (*fn)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(handle, option, fn);
}
static inline CURLcode dbcopy_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode dbcopy_curl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode dbcopy_curl_share_setopt_long(CURLSH *share, CURLSHoption option, long value) {
    return curl_share_setopt(share, option, value);
}
static inline CURLMcode dbcopy_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}
/* CURL_GLOBAL_ALL is a macro expression Swift does not import. */
static inline CURLcode dbcopy_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}
/* CURLMsg carries its result in a union; read it in C. */
static inline CURLcode dbcopy_curl_msg_result(const CURLMsg *message) {
    return message->data.result;
}
#endif
