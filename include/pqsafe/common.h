/* pqsafe — common definitions: error codes and the secure helpers every capability uses. */
#ifndef PQSAFE_COMMON_H
#define PQSAFE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PQS_VERSION_STRING "0.1.0"

#if defined(__GNUC__) || defined(__clang__)
#define PQS_MUST_CHECK __attribute__((warn_unused_result))
#define PQS_EXPORT __attribute__((visibility("default")))
#else
#define PQS_MUST_CHECK
#define PQS_EXPORT
#endif

/* Every function returns 0 on success or one of these negative codes.
 * "Bad input" codes come first; "should not happen" codes (RANDOM, NOMEM, INTERNAL) last. */
enum {
    PQS_OK = 0,
    PQS_E_INVALID_ARG = -1,   /* NULL pointer, wrong length, unknown name */
    PQS_E_INVALID_KEY = -2,   /* key fails its FIPS input check */
    PQS_E_DECODE = -3,        /* malformed encoding */
    PQS_E_VERIFY = -4,        /* signature or authentication tag does not verify */
    PQS_E_CONTEXT = -5,       /* context string longer than 255 bytes */
    PQS_E_UNSUPPORTED = -6,   /* algorithm or option not available */
    PQS_E_IO = -7,            /* file or stream error */
    PQS_E_RANDOM = -8,        /* the system random source failed */
    PQS_E_NOMEM = -9,         /* allocation failed */
    PQS_E_INTERNAL = -10      /* an invariant broke; please report */
};

/* A one-line, human readable description of an error code. Never NULL. */
PQS_EXPORT const char *pqs_strerror(int err);

/* A one-line detail of the last error this thread's parsers reported (e.g. "unknown OID
 * 1.2.3" or "trailing bytes after the key"), or "" when none. */
PQS_EXPORT const char *pqs_error_detail(void);

/* Library version string, e.g. "0.1.0". */
PQS_EXPORT const char *pqs_version(void);

/* CPU features the library detected and uses, e.g. "avx2 avx512 sha-ni" or "portable". */
PQS_EXPORT const char *pqs_cpu_features(void);

/* The implementation each primitive's dispatch point chose, e.g.
 * "keccak bmi2, 8-way batches; sha-256 sha-ni, 16 lanes; ...; ml-kem avx2; ...". */
PQS_EXPORT const char *pqs_backends(void);

/* Fill buf with len bytes from the operating system's CSPRNG (getrandom(2); small requests
 * are served from a per-thread, fork-safe pool of its output: see docs/THREAT_MODEL.md).
 * Thread-safe, but not async-signal-safe (the pool): do not call it from a signal handler. */
PQS_EXPORT PQS_MUST_CHECK int pqs_randombytes(uint8_t *buf, size_t len);

/* Zero memory in a way the compiler cannot remove. */
PQS_EXPORT void pqs_wipe(void *p, size_t len);

#ifdef __cplusplus
}
#endif
#endif
