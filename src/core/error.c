/* The per-thread error detail: parsers explain *what* was wrong without logging secrets. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "pqsafe/common.h"

static _Thread_local char g_detail[256];

int pqs_error_set(int err, const char *fmt, ...)
{
    /* Formatted aside first: a caller may wrap the current detail ("...: %s" with
     * pqs_error_detail()), and vsnprintf from a buffer into itself is undefined. */
    char next[sizeof g_detail];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(next, sizeof next, fmt, ap);
    va_end(ap);
    memcpy(g_detail, next, sizeof g_detail);
    return err;
}

void pqs_error_clear(void)
{
    g_detail[0] = '\0';
}

const char *pqs_error_detail(void)
{
    return g_detail;
}
