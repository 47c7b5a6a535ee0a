#ifndef TIENGNOI_CCURL_SHIM_H
#define TIENGNOI_CCURL_SHIM_H

#include <curl/curl.h>

/* Swift cannot call the variadic curl_easy_setopt / curl_easy_getinfo,
   so there is one typed wrapper per argument type. */

static inline CURLcode tn_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode tn_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode tn_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode tn_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode tn_setopt_offset(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }

typedef size_t (*tn_data_callback)(char *data, size_t size, size_t nmemb, void *userdata);
static inline CURLcode tn_setopt_callback(CURL *h, CURLoption o, tn_data_callback v) { return curl_easy_setopt(h, o, v); }

/* Called by libcurl at least once a second during a transfer; a non-zero return aborts it.
   Used to stop a blocking request when the Swift task that waits for it is cancelled. */
typedef int (*tn_progress_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                    curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode tn_setopt_progress(CURL *h, CURLoption o, tn_progress_callback v) { return curl_easy_setopt(h, o, v); }

static inline CURLcode tn_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }

#endif
