/* Error strings, version, secure wipe and the system random source. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "pqsafe/common.h"

const char *pqs_strerror(int err)
{
    switch (err) {
    case PQS_OK: return "success";
    case PQS_E_INVALID_ARG: return "invalid argument (missing input, wrong length or unknown name)";
    case PQS_E_INVALID_KEY: return "invalid key (fails the standard's input check)";
    case PQS_E_DECODE: return "malformed encoding";
    case PQS_E_VERIFY: return "verification failed";
    case PQS_E_CONTEXT: return "context string longer than 255 bytes";
    case PQS_E_UNSUPPORTED: return "unsupported algorithm or option";
    case PQS_E_IO: return "input/output error";
    case PQS_E_RANDOM: return "the system random source failed";
    case PQS_E_NOMEM: return "out of memory";
    case PQS_E_INTERNAL: return "internal error";
    default: return "unknown error";
    }
}

const char *pqs_version(void)
{
    return PQS_VERSION_STRING;
}

void pqs_wipe(void *p, size_t len)
{
    if (p != NULL && len > 0)
        explicit_bzero(p, len);
}

int pqs_randombytes(uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = getrandom(buf, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return PQS_E_RANDOM;
        }
        buf += n;
        len -= (size_t)n;
    }
    return PQS_OK;
}
