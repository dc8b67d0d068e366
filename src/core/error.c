/* The per-thread error detail: parsers explain *what* was wrong without logging secrets. */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"
#include "pqsafe/common.h"

static _Thread_local char g_detail[256];

int pqs_error_set(int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g_detail, sizeof g_detail, fmt, ap);
    va_end(ap);
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
